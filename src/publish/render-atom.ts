// Atom 1.0 (RFC 4287), with RFC 5005 paging and WebSub hub links.
import type { FeedItem, FeedModel } from './feed-model.js';
import { el, serializeXml, type XmlElement } from './xml-writer.js';

/** RFC 3339 date-time in UTC. */
export function rfc3339(date: Date): string {
  return date.toISOString();
}

export function renderAtom(feed: FeedModel): string {
  const root = el('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language }, [
    el('id', feed.homeUrl),
    el('title', { type: 'text' }, feed.title),
    el('subtitle', { type: 'text' }, feed.description),
    el('updated', rfc3339(feed.updated)),
    // RFC 4287 §4.1.1: a feed MUST carry an author unless every entry has one; the
    // feed (as publisher) is the author of stories that credit nobody.
    el('author', [el('name', feed.title)]),
    el('link', { rel: 'self', type: feed.self.mediaType, href: feed.selfUrl }),
    el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    // The same feed in the other formats.
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
    // RFC 4287 §4.1.2: exactly one updated per entry; published is optional but known.
    el('published', rfc3339(item.published)),
    el('updated', rfc3339(item.updated)),
    ...item.authors.map((name) => el('author', [el('name', name)])),
    ...item.contributors.map((c) => el('contributor', [el('name', c.name)])),
    ...item.categories.map((term) => el('category', { term })),
    el('summary', { type: 'text' }, item.summary),
    item.contentHtml !== null ? el('content', { type: 'html' }, item.contentHtml) : null,
  ]);
}
