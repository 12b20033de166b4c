// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, dc, atom and
// Media RSS namespaces, checked against the W3C Feed Validation Service rules.
import type { FeedItem, FeedModel } from './feed-model.js';
import { el, serializeXml, type XmlElement } from './xml-writer.js';

const NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/** RFC 822 date-time as RSS 2.0 requires ("Wed, 04 Mar 2026 09:00:00 GMT"). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

export function renderRss(feed: FeedModel): string {
  const channel = el('channel', [
    el('title', feed.title),
    el('link', feed.homeUrl),
    el('description', feed.description),
    el('language', feed.language),
    el('lastBuildDate', rfc822(feed.updated)),
    el('generator', 'wirefeed'),
    el('docs', 'https://www.rssboard.org/rss-specification'),
    el('ttl', String(feed.ttlMinutes)),
    el('atom:link', { href: feed.selfUrl, rel: 'self', type: feed.self.mediaType }),
    feed.hub ? el('atom:link', { href: feed.hub, rel: 'hub' }) : null,
    // RFC 5005 §3: paged feeds link to the next (older) page.
    feed.nextUrl ? el('atom:link', { href: feed.nextUrl, rel: 'next', type: feed.self.mediaType }) : null,
    ...feed.items.map(rssItem),
  ]);
  return serializeXml(el('rss', { version: '2.0', ...NS }, [channel]));
}

function rssItem(item: FeedItem): XmlElement {
  return el('item', [
    el('title', item.title),
    el('link', item.link),
    el('guid', { isPermaLink: String(item.guidIsPermaLink) }, item.guid),
    el('pubDate', rfc822(item.published)),
    // Readers render an RSS description as HTML: the plain-text summary is escaped for
    // HTML first, so "<script>" in a story's text stays text in the reader.
    el('description', escapeHtmlText(item.summary)),
    item.contentHtml !== null ? el('content:encoded', item.contentHtml) : null,
    // RSS <author> must be an e-mail address; names go in dc:creator, one per author.
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

function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
