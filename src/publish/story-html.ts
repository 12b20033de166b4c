import type { Story, StoryImage } from '../story.js';
import { escapeAttr, escapeText } from './minimal-escape.js';

/** The body's first paragraph, also inside the <div>s a page's markup may keep around it. */
const FIRST_PARAGRAPH = /^((?:\s*<div(?:\s[^>]*)?>)*\s*<p(?:\s[^>]*)?>)/;

/**
 * The story as a reader should see it: its pictures, each a <figure> with caption and
 * credit, then the body with the dateline back in front of the first paragraph, as
 * published ("TOKYO, Japan — Having ..."). A story's images carry no position; every
 * input we read has them where the lead photo sits, above the lead, which is where they
 * go: a caption after the text would read as its last paragraph.
 */
export function storyContentHtml(story: Story): string {
  let html = story.body.html;
  if (story.dateline) {
    const prefix = `${escapeText(story.dateline.text)} — `;
    html = FIRST_PARAGRAPH.test(html) ? html.replace(FIRST_PARAGRAPH, (open) => open + prefix) : `<p>${prefix}</p>${html}`;
  }
  return [...story.images.map(figureHtml), html].join('\n');
}

/** One picture: the image when it has a URL, the caption, and the credit labelled as one. */
export function figureHtml(img: StoryImage): string {
  const pic = img.url ? `<img src="${escapeAttr(img.url)}" alt="${escapeAttr(img.caption ?? '')}">` : '';
  const caption = [img.caption ? escapeText(img.caption) : '', img.credit ? `<small>Photo: ${escapeText(img.credit)}</small>` : ''].filter(Boolean);
  return `<figure>${pic}${caption.length ? `<figcaption>${caption.join(' ')}</figcaption>` : ''}</figure>`;
}
