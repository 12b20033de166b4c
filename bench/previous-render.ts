// The renderers RSS and Atom had before the `feed` package (commit 1bcb71a): documents built
// directly with xml-writer. Kept for bench/render.bench.ts only, as the baseline of what
// building through `feed` (and reading its output back) costs; adapted to today's model
// (one id per story as the RSS guid) and not kept in step with the feeds' newer elements.
import type { FeedItem, FeedModel } from '../src/publish/feed-model.js';
import { el, serializeXml, type XmlElement } from '../src/publish/xml-writer.js';

const RSS_NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

export function previousRenderRss(feed: FeedModel): string {
  const channel = el('channel', [
    el('title', feed.title),
    el('link', feed.homeUrl),
    el('description', feed.description),
    el('language', feed.language),
    el('lastBuildDate', feed.updated.toUTCString()),
    el('generator', 'wirefeed'),
    el('docs', 'https://www.rssboard.org/rss-specification'),
    el('ttl', String(feed.ttlMinutes)),
    el('atom:link', { href: feed.selfUrl, rel: 'self', type: feed.self.mediaType }),
    feed.hub ? el('atom:link', { href: feed.hub, rel: 'hub' }) : null,
    feed.nextUrl ? el('atom:link', { href: feed.nextUrl, rel: 'next', type: feed.self.mediaType }) : null,
    ...feed.items.map(rssItem),
  ]);
  return serializeXml(el('rss', { version: '2.0', ...RSS_NS }, [channel]));
}

function rssItem(item: FeedItem): XmlElement {
  return el('item', [
    el('title', item.title),
    el('link', item.link),
    el('guid', { isPermaLink: 'false' }, item.id),
    el('pubDate', item.published.toUTCString()),
    el('description', item.summary.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))),
    item.contentHtml !== null ? el('content:encoded', item.contentHtml) : null,
    ...item.authors.map((name) => el('dc:creator', name)),
    ...item.categories.map((c) => el('category', c)),
    ...item.images.filter((img) => img.url).map(mediaContent),
  ]);
}

function mediaContent(img: FeedItem['images'][number]): XmlElement {
  return el('media:content', { url: img.url ?? undefined, medium: 'image' }, [
    img.caption ? el('media:description', { type: 'plain' }, img.caption) : null,
    img.credit ? el('media:credit', { role: 'photographer', scheme: 'urn:ebu' }, img.credit) : null,
  ]);
}

export function previousRenderAtom(feed: FeedModel): string {
  const root = el('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language }, [
    el('id', feed.homeUrl),
    el('title', { type: 'text' }, feed.title),
    el('subtitle', { type: 'text' }, feed.description),
    el('updated', feed.updated.toISOString()),
    el('author', [el('name', feed.title)]),
    el('link', { rel: 'self', type: feed.self.mediaType, href: feed.selfUrl }),
    el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    ...feed.links.filter((l) => l.format !== feed.self.format).map((l) => el('link', { rel: 'alternate', type: l.mediaType, href: l.href })),
    feed.hub ? el('link', { rel: 'hub', href: feed.hub }) : null,
    feed.nextUrl ? el('link', { rel: 'next', type: feed.self.mediaType, href: feed.nextUrl }) : null,
    el('generator', 'wirefeed'),
    ...feed.items.map(atomEntry),
  ]);
  return serializeXml(root);
}

function atomEntry(item: FeedItem): XmlElement {
  return el('entry', [
    el('id', item.id),
    el('title', { type: 'text' }, item.title),
    el('link', { rel: 'alternate', type: 'text/html', href: item.link }),
    el('published', item.published.toISOString()),
    el('updated', item.updated.toISOString()),
    ...item.authors.map((name) => el('author', [el('name', name)])),
    ...item.contributors.map((c) => el('contributor', [el('name', c.name)])),
    ...item.categories.map((term) => el('category', { term })),
    el('summary', { type: 'text' }, item.summary),
    item.contentHtml !== null ? el('content', { type: 'html' }, item.contentHtml) : null,
  ]);
}
