// The parse thread's entry points: the extractors that cost milliseconds per page, run
// off the event loop that serves feeds. Each returns its value or the error's code and
// message, because an AppError thrown across threads arrives as a plain Error.
import { AppError, errorMessage, type ErrorCode } from '../errors.js';
import { parseFeedItems, type FeedParseOptions, type ParsedFeed } from '../extract/feed-items.js';
import { extractHtml, type HtmlExtractOptions } from '../extract/html.js';
import { findArticleLinks, type Listing, type ListingOptions } from '../extract/html-links.js';
import { parseSitemap, type ParsedSitemap } from '../extract/sitemap.js';
import type { RawStory } from '../story.js';

export type Outcome<T> = { value: T } | { error: { code: ErrorCode | null; message: string } };

function outcome<T>(work: () => T): Outcome<T> {
  try {
    return { value: work() };
  } catch (err) {
    return { error: { code: err instanceof AppError ? err.code : null, message: errorMessage(err) } };
  }
}

export const page = ({ html, options }: { html: string; options: HtmlExtractOptions }): Outcome<RawStory> => outcome(() => extractHtml(html, options));
export const links = ({ html, options }: { html: string; options: ListingOptions }): Outcome<Listing> => outcome(() => findArticleLinks(html, options));
export const feed = ({ text, options }: { text: string; options: FeedParseOptions }): Outcome<ParsedFeed> => outcome(() => parseFeedItems(text, options));
export const sitemap = ({ xml, options }: { xml: string; options: { url: string } }): Outcome<ParsedSitemap> => outcome(() => parseSitemap(xml, options));
