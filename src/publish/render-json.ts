// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) with a `_wirefeed` extension
// object per item carrying what the core format has no field for. Written by hand: the
// `feed` package (used for RSS and Atom) emits only JSON Feed 1.0 (version 1, one
// `author`, no `authors`, `language` or `hubs`).
import type { FeedItem, FeedModel } from './feed-model.js';
import { xmlClean } from './xml-writer.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';
/** JSON Feed extensions: `about` points humans at the documentation of the object. */
export const WIREFEED_EXTENSION_ABOUT = 'https://github.com/wirefeed/wirefeed#json-feed-extension';

export function renderJson(feed: FeedModel): string {
  const doc = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    description: feed.description,
    language: feed.language,
    hubs: feed.hub ? [{ type: 'WebSub', url: feed.hub }] : undefined,
    next_url: feed.nextUrl,
    items: feed.items.map(jsonItem),
  };
  // Control characters are dropped as in the XML formats, so all three carry the same text.
  return `${JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'string' ? xmlClean(value) : value), 2)}\n`;
}

function jsonItem(item: FeedItem) {
  const image = item.images.find((img) => img.url)?.url ?? undefined;
  return {
    id: item.id,
    url: item.link,
    title: item.title,
    summary: item.summary,
    // §items: content_html or content_text MUST be present.
    ...(item.contentHtml !== null ? { content_html: item.contentHtml } : { content_text: item.summary }),
    image,
    date_published: item.published.toISOString(),
    date_modified: item.updated.toISOString(),
    authors: item.authors.length ? item.authors.map((name) => ({ name })) : undefined,
    tags: item.categories.length ? item.categories : undefined,
    language: item.language ?? undefined,
    _wirefeed: {
      about: WIREFEED_EXTENSION_ABOUT,
      date_published_source: item.publishedSource,
      dateline: item.dateline,
      credits: item.credits,
      images: item.images,
    },
  };
}
