// A photo caption printed above the lead in a caption-classed element outside any <figure>
// ("<div class="image-caption">Passengers board ...</div>"): a caption, not the story's
// first paragraph. Left in, it would hide the dateline of the lead below it, and nothing
// in its text (no credit, no "Photo:" label) tells the normalizer it is one. Captions
// further down stay: both reference corpora count in-story captions as body text.
import type { Element } from 'domhandler';
import { removeElement } from 'domutils';
import type { StoryImage } from '../story.js';
import { bodyBlocks } from './html-blocks.js';
import { classAndId, collapse, elementsIn, textOf } from './html-dom.js';
import { imageSource } from './html-images.js';

const CAPTION_CLASS = /caption/i;
const MAX_CAPTION = 600;
/** Captions (one per picture) looked for above the lead. */
const MAX_FRONT = 3;

export function takeLeadCaptions(article: Element, resolve: (u: string) => string | null): StoryImage[] {
  const images: StoryImage[] = [];
  for (const block of bodyBlocks(article).slice(0, MAX_FRONT)) {
    const caption = captionAround(block.nodes[0]?.parent ?? null, article);
    if (!caption || !caption.parent) break;
    const text = collapse(textOf(caption));
    // The block must be the whole caption: a container named "captioned-story" holds paragraphs.
    if (text !== block.text || text.length > MAX_CAPTION) break;
    const img = elementsIn(caption).find((e) => e.name === 'img') ?? elementsIn(caption.parent as Element).find((e) => e.name === 'img');
    const src = img ? imageSource(img) : null;
    images.push({ url: src ? resolve(src) : null, caption: text, credit: null });
    if (img) removeElement(img);
    removeElement(caption);
  }
  return images;
}

/** The nearest caption-classed element holding `node`, inside the article. */
function captionAround(node: Element['parent'], article: Element): Element | null {
  for (let el = node; el && el !== article; el = el.parent) {
    if ('attribs' in el && CAPTION_CLASS.test(classAndId(el as Element))) return el as Element;
  }
  return null;
}
