// <figure> -> { url, caption, credit }, taken out of the body (captions are not story text).
import type { Element } from 'domhandler';
import { removeElement, replaceElement } from 'domutils';
import type { StoryImage } from '../story.js';
import { byTag, classAndId, collapse, elementsIn, textOf } from './html-dom.js';

const CREDIT = /credit|copyright|photographer|byline|source|attribution/i;
const FIGURES = new Set(['figure']);
const CAPTIONS = new Set(['figcaption']);
const IMAGES = new Set(['img', 'source']);
const EMBEDS = new Set(['iframe']);
/** "Photo: Jane Doe" / "(Reuters/Jane Doe)" at the end of a caption. */
const TRAILING_CREDIT = /\s*(?:\((?:photo(?:graph)?|image|picture|credit)s?:?\s*([^)]+)\)|(?:photo(?:graph)?|image|picture|credit)s?:\s*(.+))$/i;

/** The best URL of an image element: lazy-load attributes first, then the widest srcset entry. */
export function imageSource(img: Element): string | null {
  const a = img.attribs;
  const direct = a['data-src'] ?? a['data-original'] ?? a['data-lazy-src'] ?? a['data-url'] ?? a.src;
  if (direct && !direct.startsWith('data:')) return direct.trim();
  const srcset = a['data-srcset'] ?? a.srcset;
  if (!srcset) return null;
  const entries = srcset.split(/,\s+/).map((e) => {
    const [url = '', size = ''] = e.trim().split(/\s+/);
    return { url, width: Number.parseFloat(size) || 0 };
  });
  return entries.sort((x, y) => y.width - x.width)[0]?.url || null;
}

function creditAndCaption(figure: Element): { caption: string | null; credit: string | null } {
  const captionEl = byTag(figure, CAPTIONS)[0] ?? elementsIn(figure).find((e) => /caption/i.test(classAndId(e)));
  const creditEl = elementsIn(figure).find((e) => CREDIT.test(classAndId(e)));
  let credit = creditEl ? collapse(textOf(creditEl)) || null : null;
  let caption = captionEl ? collapse(textOf(captionEl)) : '';
  if (credit && caption.endsWith(credit)) caption = caption.slice(0, -credit.length).trim();
  if (!credit) {
    const m = TRAILING_CREDIT.exec(caption);
    if (m) {
      credit = collapse(m[1] ?? m[2] ?? '') || null;
      caption = caption.slice(0, m.index).trim();
    }
  }
  return { caption: caption || null, credit };
}

/** Every figure in the article becomes an image and leaves the body. `resolve` makes URLs absolute. */
export function takeFigures(article: Element, resolve: (u: string) => string | null): StoryImage[] {
  const images: StoryImage[] = [];
  for (const figure of byTag(article, FIGURES)) {
    if (!figure.parent) continue;
    const img = byTag(figure, IMAGES)[0];
    // An embed (only allow-listed iframes are left) is story content, not a picture: it stays.
    const embed = img ? undefined : byTag(figure, EMBEDS)[0];
    if (embed) {
      replaceElement(figure, embed);
      continue;
    }
    const src = img ? imageSource(img) : null;
    const { caption, credit } = creditAndCaption(figure);
    if (src || caption) images.push({ url: src ? resolve(src) : null, caption, credit });
    removeElement(figure);
  }
  return images;
}
