// The parse thread's entry points: the extractors and the normalizer, which cost
// milliseconds per page (seconds for a 10 MB one), run off the event loop that serves
// feeds. Each returns an Outcome: its value or the error's code and message.
import { parseFeedItems, type FeedParseOptions, type ParsedFeed } from '../extract/feed-items.js';
import { extractHtml, type HtmlExtractOptions } from '../extract/html.js';
import { findArticleLinks, type Listing, type ListingOptions } from '../extract/html-links.js';
import { parseSitemap, type ParsedSitemap } from '../extract/sitemap.js';
import { mergeListed } from '../normalize/merge-listed.js';
import { normalizeStory, type NormalizeContext } from '../normalize/normalize-story.js';
import type { RawStory, Story } from '../story.js';
import { outcome, type Outcome } from '../threads/outcome.js';

export interface PageStoryTask {
  html: string;
  options: HtmlExtractOptions;
  ctx: NormalizeContext;
  /** What a listing (feed item, sitemap entry) said of the page, and its link: the story's URL. */
  listed?: { raw: RawStory; url: string };
}

export interface NormalizeTask {
  raw: RawStory;
  ctx: NormalizeContext;
}

export const pageStory = ({ html, options, ctx, listed }: PageStoryTask): Outcome<Story> =>
  outcome(() => {
    const raw = extractHtml(html, options);
    return normalizeStory(listed ? mergeListed(raw, listed.raw, listed.url) : raw, ctx);
  });
export const normalize = (tasks: NormalizeTask[]): Outcome<Story>[] => tasks.map(({ raw, ctx }) => outcome(() => normalizeStory(raw, ctx)));
export const links = ({ html, options }: { html: string; options: ListingOptions }): Outcome<Listing> => outcome(() => findArticleLinks(html, options));
export const feed = ({ text, options }: { text: string; options: FeedParseOptions }): Outcome<ParsedFeed> => outcome(() => parseFeedItems(text, options));
export const sitemap = ({ xml, options }: { xml: string; options: { url: string } }): Outcome<ParsedSitemap> => outcome(() => parseSitemap(xml, options));
