// An upstream feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) -> raw stories.
// feedsmith does the format work; this module adds tolerance (a repair pass for broken
// XML) and one adapter per format to the shared RawStory.
import { parseFeed, type AnyFeed } from 'feedsmith';
import { AppError, errorMessage } from '../errors.js';
import { atomItems, jsonItems, rdfItems, rssItems, type FeedItem } from './feed-formats.js';
import { cleanXmlChars, repairXml, sanitizeXml } from './xml-repair.js';

export type FeedFormat = AnyFeed['format'];
export type { FeedItem };

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  language: string | null;
  items: FeedItem[];
  /** True when the document was broken and items were recovered by the repair pass. */
  repaired: boolean;
}

export interface FeedParseOptions {
  /** The feed's own URL: the base for relative links (RFC 3986 §5.1.3). */
  url: string;
}

const ITEM_TAG = /<(?:[a-z0-9]+:)?(?:item|entry)[\s>]/gi;

/**
 * Parses a feed document. A broken XML feed still yields its good items: when the
 * strict parse fails or finds fewer items than the document has item tags, the
 * repaired document is parsed too and the better result wins.
 * Throws only when nothing feed-like can be found.
 */
export function parseFeedItems(text: string, options: FeedParseOptions): ParsedFeed {
  const chars = cleanXmlChars(text);
  // JSON is not XML: a DOCTYPE inside a JSON string is text, left for the HTML sanitizer.
  if (/^\s*[[{]/.test(chars)) return adapt(parseJson(chars), options, false);
  const clean = sanitizeXml(chars);

  let strict: AnyFeed | undefined;
  let strictError: unknown;
  try {
    strict = parseFeed(clean);
  } catch (err) {
    strictError = err;
  }
  const expected = clean.match(ITEM_TAG)?.length ?? 0;
  if (strict && itemCount(strict) >= expected) return adapt(strict, options, false);

  let repaired: AnyFeed | undefined;
  try {
    repaired = parseFeed(repairXml(clean));
  } catch {
    // The strict result (if any) is all there is; its error is the clearer one.
  }
  if (repaired && (!strict || itemCount(repaired) > itemCount(strict))) return adapt(repaired, options, true);
  if (strict) return adapt(strict, options, false);
  throw new AppError('PARSE_FAILED', `not a feed: ${errorMessage(strictError)}`, { cause: strictError });
}

function parseJson(text: string): AnyFeed {
  try {
    return parseFeed(JSON.parse(text));
  } catch (err) {
    throw new AppError('PARSE_FAILED', `not a JSON feed: ${errorMessage(err)}`, { cause: err });
  }
}

function itemCount(parsed: AnyFeed): number {
  return (parsed.format === 'atom' ? parsed.feed.entries?.length : parsed.feed.items?.length) ?? 0;
}

function adapt(parsed: AnyFeed, options: FeedParseOptions, repaired: boolean): ParsedFeed {
  const base = options.url;
  switch (parsed.format) {
    case 'rss':
      return { format: 'rss', repaired, ...rssItems(parsed.feed, base) };
    case 'rdf':
      return { format: 'rdf', repaired, ...rdfItems(parsed.feed, base) };
    case 'atom':
      return { format: 'atom', repaired, ...atomItems(parsed.feed, base) };
    case 'json':
      return { format: 'json', repaired, ...jsonItems(parsed.feed, base) };
  }
}
