// Atom 1.0 (RFC 4287), with RFC 5005 paging and WebSub hub links. Built with the `feed`
// package; what it cannot emit is added in feed-extension.ts.
import { Feed } from 'feed';
import { extendAtom, FeedValues, text } from './feed-extension.js';
import type { FeedItem, FeedModel } from './feed-model.js';
import { xmlClean } from './xml-writer.js';

export function renderAtom(feed: FeedModel): string {
  const doc = new Feed({
    id: text(feed.homeUrl),
    title: text(feed.title),
    description: text(feed.description),
    // Always given: feed would otherwise stamp the document with the wall clock.
    updated: feed.updated,
    // RFC 4287 §4.1.1: a feed MUST carry an author unless every entry has one; the
    // feed (as publisher) is the author of stories that credit nobody.
    author: { name: text(feed.title) },
    link: feed.homeUrl,
    feed: feed.selfUrl,
    hub: feed.hub,
    generator: 'wirefeed',
  });
  const values = new FeedValues();
  for (const item of feed.items) doc.addItem(atomEntry(item, values));
  return extendAtom(doc.atom1(), values, feed);
}

function atomEntry(item: FeedItem, values: FeedValues) {
  return {
    id: item.id,
    title: values.ref(item.title),
    link: item.link,
    // RFC 4287 §4.1.2: exactly one updated per entry; published is optional but known.
    date: item.updated,
    published: item.published,
    author: item.authors.map((name) => ({ name: text(name) })),
    contributor: item.contributors.map((c) => ({ name: text(c.name) })),
    category: item.categories.map((term) => ({ term: xmlClean(term) })),
    description: values.ref(item.summary),
    content: item.contentHtml === null ? undefined : values.ref(item.contentHtml),
  };
}
