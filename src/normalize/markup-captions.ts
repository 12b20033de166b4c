// Captions in markup that did not come through the page extractor (a feed item's content,
// a pushed body.html) become images as a page's do: <figure>s, and caption-classed
// elements (WordPress "wp-caption-text", "image-caption", ...) whose class the sanitizer
// is about to drop. Captions are not story text (docs/story.md); left in, one would be the
// first paragraph and hide the dateline of the lead below it.
import render from 'dom-serializer';
import type { Element } from 'domhandler';
import { removeElement } from 'domutils';
import { fragmentRoot } from '../extract/html-fragment.js';
import { urlResolver } from '../extract/html-urls.js';
import { classAndId, collapse, elementsIn, textOf, textWithin } from '../extract/html-dom.js';
import { imageSource, takeFigures } from '../extract/html-images.js';
import type { RawStory, StoryImage } from '../story.js';
import { safeLinkUrl } from '../safe-url.js';
import { parsePhotoCredit, splitCaptionCredit } from './photo-credit.js';

/** Cheap gate: most markup has neither, and is not parsed twice. */
const MAY_HAVE_CAPTION = /<figure|caption/i;
const CAPTION_CLASS = /caption/i;
const CREDIT_CLASS = /credit|photographer|copyright|attribution/i;
const MAX_CAPTION = 600;

/**
 * `raw` with the captions of its markup moved into `images`, and every image's caption
 * that ends in its credit ("... (Feng Li/Getty Images)") split into caption and credit.
 * Markup whose paragraphs are given beside it (a page, JSON with body.text) is left as is:
 * there the paragraphs, not the markup, are the body.
 */
export function liftCaptions(raw: RawStory): RawStory {
  const given = raw.images?.some(isUnsplit) ? raw.images.map(splitImage) : raw.images;
  if (raw.paragraphs !== undefined || !raw.html || !MAY_HAVE_CAPTION.test(raw.html)) {
    return given === raw.images ? raw : { ...raw, images: given };
  }
  const root = fragmentRoot(raw.html);
  const resolve = urlResolver(safeLinkUrl(raw.url));
  const lifted = [...takeFigures(root, resolve), ...takeCaptionElements(root, resolve)].map(splitImage).map(unlabelled);
  if (lifted.length === 0) return given === raw.images ? raw : { ...raw, images: given };
  return { ...raw, images: [...(given ?? []), ...lifted], html: render(root.children, { decodeEntities: true }) };
}

function takeCaptionElements(root: Element, resolve: (u: string) => string | null): StoryImage[] {
  const images: StoryImage[] = [];
  for (const el of elementsIn(root)) {
    if (!isAttached(el, root) || !CAPTION_CLASS.test(classAndId(el))) continue;
    const text = textWithin(el, MAX_CAPTION);
    // A container that merely has "caption" in its class ("captioned-story") holds paragraphs.
    if (text === null || elementsIn(el).filter((e) => e.name === 'p').length > 1) continue;
    const creditEl = elementsIn(el).find((e) => CREDIT_CLASS.test(classAndId(e))) ?? creditAfter(el);
    let credit = creditEl ? collapse(textOf(creditEl)) || null : null;
    let caption = text;
    if (credit && creditEl && elementsIn(el).includes(creditEl)) caption = collapse(caption.slice(0, caption.lastIndexOf(credit)));
    if (creditEl) removeElement(creditEl);
    const img = elementsIn(el).find((e) => e.name === 'img');
    const src = img ? imageSource(img) : null;
    removeElement(el);
    if (!caption && !credit) continue;
    // "(Photo: Feng Li/AFP)" as printed -> "Feng Li/AFP", as a credit line in the text reads.
    credit = credit ? (parsePhotoCredit(credit)?.credit ?? credit.replace(/^\(\s*(.*?)\s*\)$/, '$1')) : null;
    images.push({ url: src ? resolve(src) : null, caption: caption || null, credit });
  }
  return images;
}

/** A credit printed as the caption's next sibling: `<p class="caption">..</p><p class="credit">..</p>`. */
function creditAfter(el: Element): Element | null {
  let next = el.next;
  while (next && next.type === 'text' && !collapse(textOf(next))) next = next.next;
  return next && 'attribs' in next && CREDIT_CLASS.test(classAndId(next as Element)) && textWithin(next, 120) !== null ? (next as Element) : null;
}

function isAttached(el: Element, root: Element): boolean {
  let node: Element | null = el;
  while (node && node !== root) node = node.parent as Element | null;
  return node === root;
}

function isUnsplit(image: StoryImage): boolean {
  return image.credit === null && image.caption !== null && /\)\.?$|photo|picture|image|credit/i.test(image.caption.slice(-140));
}

/** "A soldier stands guard. (Feng Li/Getty Images)" as one caption -> caption and credit. */
function splitImage(image: StoryImage): StoryImage {
  if (!isUnsplit(image)) return image;
  const split = splitCaptionCredit(image.caption!);
  return split ? { ...image, caption: split.caption, credit: split.credit.credit } : image;
}

/** "Photo: Per Hansen/NTB" from a credit element -> "Per Hansen/NTB", as a credit line in the text reads. */
function unlabelled(image: StoryImage): StoryImage {
  const credit = image.credit ? parsePhotoCredit(image.credit)?.credit : undefined;
  return credit && credit !== image.credit ? { ...image, credit } : image;
}
