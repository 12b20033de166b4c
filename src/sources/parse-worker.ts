// The parse thread's entry points: the extractors and the normalizer, which cost
// milliseconds per page (seconds for a 10 MB one), run off the event loop that serves
// feeds. Each returns an Outcome: its value or the error's code and message.
import { parseFeedItems, type FeedParseOptions, type ParsedFeed } from '../extract/feed-items.js';
import { extractHtml, type HtmlExtractOptions } from '../extract/html.js';
import { findArticleLinks, type Listing, type ListingOptions } from '../extract/html-links.js';
import { parseSitemap, type ParsedSitemap } from '../extract/sitemap.js';
import { mergeListed } from '../normalize/merge-listed.js';
import { normalizeStory, type NormalizeContext } from '../normalize/normalize-story.js';
import { parseStoryFile, type StoryFileOptions } from '../normalize/parse-story-file.js';
import type { RawStory, Story } from '../story.js';
import { outcome, type Outcome } from '../threads/outcome.js';
import { storiesFromPush, type PushBodyKind, type PushContext } from './push.js';

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

/** A push request's body, decoded (storiesFromPush). */
export interface PushTask {
  body: string;
  kind: PushBodyKind;
  ctx: PushContext;
}

/** A story file's bytes, read as UTF-8 here so that a 16 MiB file is not decoded on the event loop either. */
export interface StoryFileTask {
  content: Uint8Array;
  filename: string;
  options: StoryFileOptions;
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
export const push = ({ body, kind, ctx }: PushTask): Outcome<Story[]> => outcome(() => storiesFromPush(body, kind, ctx));
export const storyFile = ({ content, filename, options }: StoryFileTask): Outcome<Story> =>
  // A Buffer arrives from another thread as a plain Uint8Array: viewed again as one, not copied.
  outcome(() => parseStoryFile(Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8'), filename, options));
