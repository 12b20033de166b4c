import { escapeHtml } from '../escape-html.js';
import type { Story } from '../story.js';

/** The body's first paragraph, also inside the <div>s a page's markup may keep around it. */
const FIRST_PARAGRAPH = /^((?:\s*<div(?:\s[^>]*)?>)*\s*<p(?:\s[^>]*)?>)/;

/**
 * The story as a reader should see it: the dateline back in front of the first
 * paragraph, as published ("TOKYO, Japan — Having ..."), then each image as a
 * figure with its caption and credit.
 */
export function storyContentHtml(story: Story): string {
  let html = story.body.html;
  if (story.dateline) {
    const prefix = `${escapeHtml(story.dateline.text)} — `;
    html = FIRST_PARAGRAPH.test(html) ? html.replace(FIRST_PARAGRAPH, (open) => open + prefix) : `<p>${prefix}</p>${html}`;
  }
  const figures = story.images.map((img) => {
    const pic = img.url ? `<img src="${escapeHtml(img.url)}" alt="${escapeHtml(img.caption ?? '')}">` : '';
    const caption = [
      img.caption ? escapeHtml(img.caption) : '',
      img.credit ? `<small>${escapeHtml(img.credit)}</small>` : '',
    ].filter(Boolean);
    return `<figure>${pic}${caption.length ? `<figcaption>${caption.join(' ')}</figcaption>` : ''}</figure>`;
  });
  return [html, ...figures].join('\n');
}
