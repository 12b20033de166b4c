// The readable HTML preview of a feed (/feeds/:id): latest stories with dateline, credits
// and images, and autodiscovery links to every format. Pure; no scripts, no assets.
import { escapeHtml } from '../escape-html.js';
import type { FeedModel } from './feed-model.js';

export function renderPreviewPage(feed: FeedModel): string {
  const items = feed.items.map((item) => {
    const credits = item.credits.map((c) => `${escapeHtml(c.name)} <small>(${c.role})</small>`).join(', ');
    const date = `<time datetime="${item.published.toISOString()}">${item.published.toUTCString()}</time>` +
      (item.publishedSource === 'first-seen' ? ' <small>(first seen)</small>' : '');
    return `<article id="${escapeHtml(item.id.split('/').pop() ?? '')}">
<h2><a href="${escapeHtml(item.link)}">${escapeHtml(item.title)}</a></h2>
<p class="meta">${date}${item.dateline ? ` · ${escapeHtml(item.dateline.text)}` : ''}${credits ? ` · ${credits}` : ''}</p>
${item.contentHtml ?? `<p>${escapeHtml(item.summary)}</p>`}
</article>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(feed.language)}"><head><meta charset="utf-8"><title>${escapeHtml(feed.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${feed.links.map((l) => `<link rel="alternate" type="${l.mediaType}" title="${escapeHtml(feed.title)} (${l.format})" href="${escapeHtml(l.href)}">`).join('\n')}
<style>body{max-width:42rem;margin:auto;padding:1rem;font-family:sans-serif;line-height:1.5}figure{margin:1rem 0}img{max-width:100%}.meta{color:#555}</style>
</head><body>
<h1>${escapeHtml(feed.title)}</h1>
<p>${escapeHtml(feed.description)}</p>
<p>Subscribe: ${feed.links.map((l) => `<a href="${escapeHtml(l.href)}">${l.format.toUpperCase()}</a>`).join(' · ')}</p>
${items.join('\n') || '<p>No stories yet.</p>'}
</body></html>
`;
}
