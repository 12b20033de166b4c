// RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, dc, atom and
// Media RSS namespaces, checked against the W3C Feed Validation Service rules. Built with
// the `feed` package; what it cannot emit is added in feed-extension.ts.
import { Feed } from 'feed';
import { extendRss, FeedValues, text } from './feed-extension.js';
import type { FeedItem, FeedModel } from './feed-model.js';

/** RFC 822 date-time as RSS 2.0 requires ("Wed, 04 Mar 2026 09:00:00 GMT"). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

export function renderRss(feed: FeedModel): string {
  const doc = new Feed({
    title: text(feed.title),
    link: feed.homeUrl,
    description: text(feed.description),
    language: text(feed.language),
    // Always given: feed would otherwise stamp lastBuildDate with the wall clock.
    updated: feed.updated,
    generator: 'wirefeed',
    docs: 'https://www.rssboard.org/rss-specification',
    ttl: feed.ttlMinutes,
    feedLinks: { rss: feed.selfUrl },
    hub: feed.hub,
  });
  const values = new FeedValues();
  for (const item of feed.items) doc.addItem(rssItem(item, values));
  return extendRss(doc.rss2(), values, feed);
}

function rssItem(item: FeedItem, values: FeedValues) {
  return {
    title: values.ref(item.title),
    link: item.link,
    // The story's one id, as in Atom and JSON Feed (not its link, which may change):
    // feed marks a given guid isPermaLink="false".
    guid: text(item.id),
    date: item.published,
    // Readers render an RSS description as HTML: the plain-text summary is escaped for
    // HTML first, so "<script>" in a story's text stays text in the reader.
    description: values.ref(escapeHtmlText(item.summary)),
    content: item.contentHtml === null ? undefined : values.ref(item.contentHtml),
    category: item.categories.map((name) => ({ name: text(name) })),
  };
}

function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
