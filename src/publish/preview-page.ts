// The readable HTML preview of a feed (/feeds/:id): latest stories with dateline, credits
// and images, and autodiscovery links to the three formats. Pure; no scripts, no assets.
import { escapeHtml } from '../normalize/html-text.js';
import type { FeedModel } from './feed-model.js';

const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;

export function renderPreviewPage(feed: FeedModel): string {
  const formats = (['rss', 'atom', 'json'] as const).map((f) => ({ f, href: escapeHtml(feed.links[f]) }));
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
${formats.map(({ f, href }) => `<link rel="alternate" type="${TYPES[f]}" title="${escapeHtml(feed.title)} (${f})" href="${href}">`).join('\n')}
<style>body{max-width:42rem;margin:auto;padding:1rem;font-family:sans-serif;line-height:1.5}figure{margin:1rem 0}img{max-width:100%}.meta{color:#555}</style>
</head><body>
<h1>${escapeHtml(feed.title)}</h1>
<p>${escapeHtml(feed.description)}</p>
<p>Subscribe: ${formats.map(({ f, href }) => `<a href="${href}">${f.toUpperCase()}</a>`).join(' · ')}</p>
${items.join('\n') || '<p>No stories yet.</p>'}
</body></html>
`;
}
