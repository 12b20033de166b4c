import { escapeHtml } from '../normalize/html-text.js';
import type { Story } from '../story.js';

/**
 * The story as a reader should see it: the dateline back in front of the first
 * paragraph, as published ("TOKYO, Japan — Having ..."), then images as figures.
 */
export function storyContentHtml(story: Story): string {
  let html = story.body.html;
  if (story.dateline) {
    const prefix = `${escapeHtml(story.dateline.text)} — `;
    html = /^<p>/.test(html) ? html.replace(/^<p>/, `<p>${prefix}`) : `<p>${prefix}</p>${html}`;
  }
  const figures = story.images.map((img) => {
    const caption = [img.caption, img.credit ? `(${img.credit})` : null].filter(Boolean).join(' ');
    const pic = img.url ? `<img src="${escapeHtml(img.url)}" alt="${escapeHtml(img.caption ?? '')}">` : '';
    return `<figure>${pic}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
  });
  return [html, ...figures].join('\n');
}
