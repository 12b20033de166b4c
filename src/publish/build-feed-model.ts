// Builds the neutral feed model (feed-model.ts) from stored stories: values in, values
// out, no I/O. Every field is derived from stored data only, never from the wall clock,
// so that two web processes over one database render byte-identical feeds.
import type { StoredStory } from '../story.js';
import type { FeedDefinition } from './feed-definitions.js';
import type { FeedItem, FeedModel } from './feed-model.js';
import { feedLinks, feedUrl } from './feed-url.js';
import type { FeedFormat } from './formats.js';
import { storyContentHtml } from './story-html.js';
import { storyLink, storyTagUri } from './story-url.js';
import { xmlClean } from './xml-writer.js';

export interface FeedModelOptions {
  baseUrl: string;
  format: FeedFormat;
  hub?: string;
  /** Newest change over the whole feed (store.feedState): monotonic, so If-Modified-Since stays sound. */
  lastChanged: string | null;
  /** Normalized query string of this document ("" or "?limit=5"), kept in self links. */
  query?: string;
  nextQuery?: string;
  /** summary=N: items carry a plain summary of at most N characters instead of the full content. */
  summaryLength?: number;
}

export function buildFeedModel(def: FeedDefinition, stories: readonly StoredStory[], options: FeedModelOptions): FeedModel {
  const links = feedLinks(options.baseUrl, def.id);
  const self = links.find((l) => l.format === options.format)!;
  const homeUrl = feedUrl(options.baseUrl, def.id);
  const all = stories.map((s) => buildFeedItem(s, options.baseUrl, options.summaryLength));
  // A withdrawn story keeps its place in the listing, so its tombstone lasts as long as the story would have.
  const items = all.filter((i) => !i.story?.withdrawn);
  const withdrawn = all.flatMap((item) => {
    const w = item.story?.withdrawn;
    return w ? [{ item, at: new Date(w.at ?? item.updated), reason: w.reason }] : [];
  });
  // An empty feed's lastChanged is when it was first served (the server stores it); a
  // wall-clock `now` would make the bytes (and the ETag) differ between requests. The
  // epoch is left only for a caller that knows no date at all.
  const updated = [options.lastChanged ? Date.parse(options.lastChanged) : 0, ...items.map((i) => i.updated.getTime())];
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    language: def.language,
    homeUrl,
    selfUrl: self.href + (options.query ?? ''),
    self,
    links,
    hub: options.hub,
    nextUrl: options.nextQuery ? self.href + options.nextQuery : undefined,
    updated: new Date(Math.max(...updated)),
    ttlMinutes: def.ttlMinutes,
    items,
    ...(withdrawn.length ? { withdrawn } : {}),
  };
}

export function buildFeedItem(stored: StoredStory, baseUrl: string, summaryLength?: number): FeedItem {
  const s = stored.story;
  const published = new Date(s.published ?? stored.firstSeen);
  // A story changed after we first stored it was updated then; otherwise its own dates stand.
  const changed = stored.lastChanged > stored.firstSeen ? Date.parse(stored.lastChanged) : 0;
  const updated = new Date(Math.max(published.getTime(), s.updated ? Date.parse(s.updated) : 0, changed));
  return {
    id: storyTagUri(baseUrl, stored.firstSeen, s.id),
    link: storyLink(baseUrl, s),
    // One line, as every reader shows it; invalid characters dropped first so no double spaces remain.
    title: xmlClean(s.title).replace(/\s+/g, ' ').trim(),
    summary: summaryLength === undefined ? s.summary : truncateText(s.body.text || s.summary, summaryLength),
    contentHtml: summaryLength === undefined ? storyContentHtml(s) : null,
    published,
    publishedSource: s.published ? 'story' : 'first-seen',
    updated,
    authors: s.credits.filter((c) => c.role === 'author').map((c) => c.name),
    contributors: s.credits.filter((c) => c.role !== 'author'),
    credits: s.credits,
    categories: s.categories,
    images: s.images,
    dateline: s.dateline,
    language: s.language,
    story: s,
    firstSeen: new Date(stored.firstSeen),
  };
}

/** Cuts at a word boundary and marks the cut; counts code points so astral text is never split. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const atWord = head.replace(/\s+\S*$/, '');
  return `${atWord.length > head.length / 2 ? atWord : head}…`;
}
