// The output formats: the one list that routes, request logging, the index and preview
// pages, OPML, WebSub topics and ?format= read. Adding a format = one renderer module
// (a pure `(feed: FeedModel) => string`) + one line in FORMATS.
import type { FeedModel } from './feed-model.js';
import { renderAtom } from './render-atom.js';
import { renderJson } from './render-json.js';
import { renderNinjs } from './render-ninjs.js';
import { renderRss } from './render-rss.js';

export interface FormatSpec {
  /** Name in ?format=, metrics labels and cache keys. */
  id: string;
  /** URL suffix: /feeds/<id>.<extension>. */
  extension: string;
  /** IANA media type without parameters; every format is UTF-8 text (contentType). */
  mediaType: string;
  /** Pure: the same model always gives the same bytes (no clock, no randomness). */
  render: (feed: FeedModel) => string;
}

/** The first entry is the primary format: OPML's xmlUrl, and the model a preview page is built from. */
export const FORMATS = [
  { id: 'rss', extension: 'rss', mediaType: 'application/rss+xml', render: renderRss },
  { id: 'atom', extension: 'atom', mediaType: 'application/atom+xml', render: renderAtom },
  { id: 'json', extension: 'json', mediaType: 'application/feed+json', render: renderJson },
  // IPTC ninjs 3.1 items (an array); ninjs has no registered media type of its own.
  { id: 'ninjs', extension: 'ninjs', mediaType: 'application/json', render: renderNinjs },
] as const satisfies readonly FormatSpec[];

export type FeedFormat = (typeof FORMATS)[number]['id'];

export const FEED_FORMATS: readonly FeedFormat[] = FORMATS.map((f) => f.id);
export const PRIMARY_FORMAT: FeedFormat = FORMATS[0].id;

const BY_ID = new Map<string, FormatSpec & { id: FeedFormat }>(FORMATS.map((f) => [f.id, f]));
const BY_EXTENSION = new Map<string, FormatSpec & { id: FeedFormat }>(FORMATS.map((f) => [f.extension, f]));

export function isFeedFormat(id: string): id is FeedFormat {
  return BY_ID.has(id);
}

export function formatSpec(id: FeedFormat): FormatSpec & { id: FeedFormat } {
  return BY_ID.get(id)!;
}

export function formatByExtension(extension: string): (FormatSpec & { id: FeedFormat }) | undefined {
  return BY_EXTENSION.get(extension);
}

/** The Content-Type header of a format's documents. */
export function contentType(id: FeedFormat): string {
  return `${formatSpec(id).mediaType}; charset=utf-8`;
}
