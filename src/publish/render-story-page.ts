// A story's own page: headline, dateline (in the lead, as published), credits with their roles, pictures with caption
// and credit, the body, the source link and every date, with what "first seen" means said
// in words. schema.org NewsArticle JSON-LD and OpenGraph for search engines and link
// previews. No scripts (JSON-LD is data), no external assets; readable at phone width.
import type { Credit } from '../story.js';
import { escapeAttr, escapeText } from './minimal-escape.js';
import type { StoryPage } from './story-page.js';

const STYLE = [
  'body{margin:0 auto;max-width:40rem;padding:1rem;font:1.0625rem/1.6 Georgia,serif;color:#1a1a1a;overflow-wrap:break-word}',
  'h1{font-size:1.75rem;line-height:1.25;margin:.25rem 0 .75rem}',
  'header p,footer p{margin:.25rem 0;font:.9rem/1.5 system-ui,sans-serif;color:#555}',
  'figure{margin:1.25rem 0}img{max-width:100%;height:auto;display:block}',
  'figcaption{font:.875rem/1.45 system-ui,sans-serif;color:#444;margin-top:.375rem}',
  'figcaption small{color:#666;font-size:inherit}',
  '.updates{font:.9rem/1.5 system-ui,sans-serif;background:#f4f4f4;padding:.5rem 1rem .5rem 2rem}',
  'footer{border-top:1px solid #ddd;margin-top:2rem;padding-top:.5rem}',
].join('');

export function renderStoryPage(page: StoryPage): string {
  const { item } = page;
  const lang = page.story.language ?? 'und';
  return `<!doctype html>
<html lang="${escapeAttr(lang)}"><head><meta charset="utf-8">
<title>${escapeText(item.title)} — ${escapeText(page.siteName)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeAttr(item.summary)}">
<link rel="canonical" href="${escapeAttr(page.canonicalUrl)}">
${page.alternates.map((l) => `<link rel="alternate"${l.type ? ` type="${escapeAttr(l.type)}"` : ''} title="${escapeAttr(l.title)}" href="${escapeAttr(l.href)}">\n`).join('')}${openGraph(page)}
<script type="application/ld+json">${jsonLd(page)}</script>
<style>${STYLE}</style>
</head><body>
<article>
<header>
<h1>${escapeText(item.title)}</h1>
${credits(item.credits)}<p class="dates">${dates(page)}</p>
</header>
${updates(page)}${item.contentHtml ?? `<p>${escapeText(item.summary)}</p>`}
<footer>
${page.story.url ? `<p>Source: <a href="${escapeAttr(page.story.url)}">${escapeText(hostOf(page.story.url))}</a></p>\n` : ''}${
    item.categories.length ? `<p>Topics: ${item.categories.map(escapeText).join(', ')}</p>\n` : ''
  }${page.feeds.length ? `<p>In feeds: ${page.feeds.map((f) => `<a href="${escapeAttr(f.href)}">${escapeText(f.title)}</a>`).join(', ')}</p>\n` : ''}</footer>
</article>
</body></html>
`;
}

/** "By Jane Smith, Ken Ito · Feng Li (photographer) · Associated Press (agency)". */
function credits(all: readonly Credit[]): string {
  if (all.length === 0) return '';
  const authors = all.filter((c) => c.role === 'author').map((c) => escapeText(c.name));
  const others = all.filter((c) => c.role !== 'author').map((c) => `${escapeText(c.name)} (${c.role})`);
  const parts = [authors.length ? `By ${authors.join(', ')}` : '', ...others].filter(Boolean);
  return `<p class="credits">${parts.join(' · ')}</p>\n`;
}

/** Every date we know, each said for what it is; a story without its own date says so. */
function dates(page: StoryPage): string {
  const { item } = page;
  const parts =
    item.publishedSource === 'story'
      ? [`Published ${time(item.published)}`]
      : [`No publication date given; first seen here ${time(page.firstSeen)}`];
  if (item.updated.getTime() > item.published.getTime()) parts.push(`Updated ${time(item.updated)}`);
  if (item.publishedSource === 'story') parts.push(`First seen here ${time(page.firstSeen)}`);
  return parts.join(' · ');
}

function updates(page: StoryPage): string {
  if (page.updates.length === 0) return '';
  return `<ul class="updates">\n${page.updates.map((u) => `<li>Updated ${time(u.at)}: ${escapeText(u.text)}</li>`).join('\n')}\n</ul>\n`;
}

/** Minutes in UTC, written the same for every reader (no locale). */
function time(date: Date): string {
  const iso = date.toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC</time>`;
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function openGraph(page: StoryPage): string {
  const { item } = page;
  const image = item.images.find((img) => img.url);
  const meta: [string, string][] = [
    ['og:type', 'article'],
    ['og:title', item.title],
    ['og:description', item.summary],
    ['og:url', page.canonicalUrl],
    ['og:site_name', page.siteName],
    ...(image?.url ? ([['og:image', image.url], ...(image.caption ? [['og:image:alt', image.caption]] : [])] as [string, string][]) : []),
    ['article:published_time', item.published.toISOString()],
    ['article:modified_time', item.updated.toISOString()],
    ...item.authors.map((name): [string, string] => ['article:author', name]),
    ...item.categories.map((tag): [string, string] => ['article:tag', tag]),
  ];
  const tags = meta.map(([p, c]) => `<meta property="${p}" content="${escapeAttr(c)}">`);
  tags.push(`<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">`);
  return tags.join('\n');
}

/** schema.org NewsArticle; "<" written as \u003c so no text can close the script element. */
function jsonLd(page: StoryPage): string {
  const { item } = page;
  const images = item.images.filter((img) => img.url);
  const doc = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': item.id,
    headline: item.title,
    description: item.summary || undefined,
    url: page.pageUrl,
    mainEntityOfPage: page.canonicalUrl,
    datePublished: item.published.toISOString(),
    dateModified: item.updated.toISOString(),
    dateline: item.dateline?.text,
    author: item.authors.length ? item.authors.map((name) => ({ '@type': 'Person', name })) : undefined,
    contributor: item.contributors.length
      ? item.contributors.map((c) => ({ '@type': c.role === 'agency' ? 'Organization' : 'Person', name: c.name, roleName: c.role }))
      : undefined,
    image: images.length
      ? images.map((img) => ({ '@type': 'ImageObject', url: img.url, caption: img.caption ?? undefined, creditText: img.credit ?? undefined }))
      : undefined,
    publisher: { '@type': 'Organization', name: page.siteName },
    keywords: item.categories.length ? item.categories : undefined,
    inLanguage: page.story.language ?? undefined,
    isBasedOn: page.story.url ?? undefined,
  };
  return JSON.stringify(doc).replace(/</g, '\\u003c');
}
