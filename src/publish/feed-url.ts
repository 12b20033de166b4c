// Feed document URLs, both ways: /feeds/<id> (the HTML preview) and /feeds/<id>.<extension>.
import type { FeedLink } from './feed-model.js';
import { FORMATS, formatByExtension, formatSpec, type FeedFormat } from './formats.js';

export function feedUrl(baseUrl: string, id: string, format?: FeedFormat): string {
  return `${baseUrl.replace(/\/$/, '')}/feeds/${id}${format ? `.${formatSpec(format).extension}` : ''}`;
}

/** This feed in every format, in registry order. */
export function feedLinks(baseUrl: string, id: string): FeedLink[] {
  return FORMATS.map((f) => ({ format: f.id, mediaType: f.mediaType, href: feedUrl(baseUrl, id, f.id) }));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FEED_PATH = new RegExp(`^/feeds/([a-z0-9][a-z0-9-]{0,63})(?:\\.(${FORMATS.map((f) => escapeRegExp(f.extension)).join('|')}))?$`);

export interface FeedPath {
  id: string;
  /** Undefined for /feeds/<id> (the preview, or ?format=). */
  format?: FeedFormat;
}

/** A URL path (no query string) of a feed document, or null when it is none. */
export function matchFeedPath(path: string): FeedPath | null {
  const match = FEED_PATH.exec(path);
  if (!match) return null;
  return { id: match[1]!, format: match[2] === undefined ? undefined : formatByExtension(match[2])!.id };
}
