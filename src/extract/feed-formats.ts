// One adapter per feed format from feedsmith's private shapes to RawStory (Miniflux-style:
// wire formats decode into their own types, one adapter each to the shared model).
import type { AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';
import type { Credit, RawStory, StoryImage } from '../story.js';
import { canonicalLink } from './canonical-link.js';
import { parseFeedDate } from './feed-date.js';
import { markupText } from './markup-text.js';

/** One feed item: the raw story plus what identifies it when it has no link. */
export interface FeedItem {
  raw: RawStory;
  /** The item's guid / id, used as identity only when there is no link. */
  guid: string | null;
}

interface Adapted {
  title: string | null;
  language: string | null;
  items: FeedItem[];
}

export function rssItems(feed: RssFeed.Feed<string>, url: string): Adapted {
  const feedBase = feed.xml?.base ? canonicalLink(feed.xml.base, url) ?? url : url;
  const language = feed.language ?? feed.dc?.languages?.[0] ?? null;
  const items = (feed.items ?? []).map((item): FeedItem => {
    const base = item.xml?.base ? canonicalLink(item.xml.base, feedBase) ?? feedBase : feedBase;
    const guid = item.guid?.value ?? null;
    const permalink = item.guid?.isPermaLink !== false && guid && /^https?:/i.test(guid) ? guid : null;
    const full = item.content?.encoded;
    const people = [...(item.authors ?? []).map((a) => a.name ?? a.email ?? ''), ...(item.dc?.creators ?? [])];
    return {
      guid,
      raw: {
        title: markupText(item.title ?? item.dc?.titles?.[0]) || null,
        url: canonicalLink(item.link ?? permalink ?? item.atom?.links?.[0]?.href, base),
        html: full ?? item.description ?? null,
        summary: full && item.description ? markupText(item.description) : null,
        published: parseFeedDate(item.pubDate ?? item.dc?.dates?.[0]),
        updated: parseFeedDate(item.atom?.updated ?? item.dcterms?.modified?.[0]),
        categories: unique([...(item.categories ?? []).map((c) => c.name ?? ''), ...(item.dc?.subjects ?? [])]),
        ...credited(people),
        images: unique(mediaImages(item.media, base).concat(enclosureImages(item.enclosures, base))),
        language: item.dc?.languages?.[0] ?? language,
      },
    };
  });
  return { title: markupText(feed.title) || null, language, items };
}

export function rdfItems(feed: RdfFeed.Feed<string>, url: string): Adapted {
  const language = feed.dc?.languages?.[0] ?? null;
  const items = (feed.items ?? []).map((item): FeedItem => ({
    guid: item.rdf?.about ?? null,
    raw: {
      title: markupText(item.title ?? item.dc?.titles?.[0]) || null,
      url: canonicalLink(item.link ?? item.rdf?.about, url),
      html: item.content?.encoded ?? item.description ?? null,
      summary: item.content?.encoded && item.description ? markupText(item.description) : null,
      published: parseFeedDate(item.dc?.dates?.[0]),
      updated: null,
      categories: unique(item.dc?.subjects ?? []),
      ...credited(item.dc?.creators ?? []),
      images: mediaImages(item.media, url),
      language,
    },
  }));
  return { title: markupText(feed.title) || null, language, items };
}

export function atomItems(feed: AtomFeed.Feed<string>, url: string): Adapted {
  const feedBase = feed.xml?.base ? canonicalLink(feed.xml.base, url) ?? url : url;
  const language = feed.xml?.lang ?? null;
  const items = (feed.entries ?? []).map((entry): FeedItem => {
    const base = entry.xml?.base ? canonicalLink(entry.xml.base, feedBase) ?? feedBase : feedBase;
    const link = (entry.links ?? []).find((l) => !l.rel || l.rel === 'alternate') ?? entry.links?.[0];
    const content = entry.content?.src ? undefined : entry.content?.value;
    return {
      guid: entry.id ?? null,
      raw: {
        title: markupText(entry.title?.value) || null,
        url: canonicalLink(link?.href, base),
        html: atomHtml(content, entry.content?.type) ?? atomHtml(entry.summary?.value, entry.summary?.type),
        summary: content && entry.summary?.value ? markupText(entry.summary.value) : null,
        published: parseFeedDate(entry.published ?? entry.dc?.dates?.[0]),
        updated: parseFeedDate(entry.updated),
        categories: unique((entry.categories ?? []).map((c) => c.label ?? c.term ?? '')),
        ...credited((entry.authors ?? feed.authors ?? []).map((a) => a.name ?? '')),
        images: mediaImages(entry.media, base),
        language: entry.xml?.lang ?? language,
      },
    };
  });
  return { title: markupText(feed.title?.value) || null, language, items };
}

export function jsonItems(feed: JsonFeed.Feed<string>, url: string): Adapted {
  const base = feed.feed_url ?? url;
  const language = feed.language ?? null;
  const items = (feed.items ?? []).map((item): FeedItem => ({
    guid: item.id ?? null,
    raw: {
      title: markupText(item.title) || null,
      url: canonicalLink(item.url ?? item.external_url, base),
      html: item.content_html ?? (item.content_text ? textToHtml(item.content_text) : null),
      summary: item.summary ? markupText(item.summary) : null,
      published: parseFeedDate(item.date_published),
      updated: parseFeedDate(item.date_modified),
      categories: unique(item.tags ?? []),
      ...credited((item.authors ?? feed.authors ?? []).map((a) => a.name ?? '')),
      images: item.image ? [{ url: canonicalLink(item.image, base), caption: null, credit: null }] : [],
      language: item.language ?? language,
    },
  }));
  return { title: markupText(feed.title) || null, language, items };
}

/** RFC 4287 §3.1.1: type "text" (the default) is plain text, not markup. */
function atomHtml(value: string | undefined, type: string | undefined): string | null {
  if (!value) return null;
  return !type || type === 'text' || type === 'text/plain' ? textToHtml(value) : value;
}

function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p)}</p>`)
    .join('\n');
}

function credited(names: string[]): Pick<RawStory, 'byline' | 'credits'> {
  const clean = unique(names.map((n) => markupText(n)));
  const credits: Credit[] = clean.map((name) => ({ name, role: 'author' }));
  return { byline: clean.length ? clean.join(', ') : null, credits };
}

function mediaImages(media: MediaNs.ItemOrFeed | undefined, base: string): StoryImage[] {
  if (!media) return [];
  const contents = (media.contents ?? []).filter((c) => c.medium === 'image' || c.type?.startsWith('image/'));
  // Media RSS: caption and credit may sit on the content element or on the item.
  const first = contents[0];
  const url = first?.url ?? media.thumbnails?.[0]?.url;
  if (!url) return [];
  const caption = markupText(first?.description?.value ?? media.description?.value ?? first?.title?.value) || null;
  const credit = first?.credits?.[0]?.value ?? media.credits?.[0]?.value ?? null;
  return [{ url: canonicalLink(url, base), caption, credit }];
}

function enclosureImages(enclosures: RssFeed.Enclosure[] | undefined, base: string): StoryImage[] {
  return (enclosures ?? [])
    .filter((e) => e.type?.startsWith('image/'))
    .map((e) => ({ url: canonicalLink(e.url, base), caption: null, credit: null }));
}

function unique<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (!v || key === '""' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

