// An article page, fetched and made a Story: a scraped listing's link (html source), a
// feed item with `fullText`, a sitemap URL. With a listing entry, the page is extracted
// with the listing's metadata where the page has none.
import type { ExtractRules, NormalizeRules } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import type { RawStory } from '../story.js';
import { parserOf } from './parser.js';
import type { Collected, SourceDeps } from './source-adapter.js';
import { storyContext } from './story-context.js';

export interface PageSource {
  id: string;
  url: string;
  extract: Partial<ExtractRules>;
  normalize: Partial<NormalizeRules>;
  language?: string;
}

export interface PageRequest {
  /** The page's link: the story's identity whatever the page calls itself, unless it names a canonical URL. */
  url: string;
  /** What a listing said about the story: title, dates, byline, and maybe a body. */
  listed?: RawStory;
  language?: string | null;
  /** Sent with the page's validators: a 304 yields nothing (the stored story stands). */
  conditional?: boolean;
}

/**
 * Fetches and extracts one page; its failure is its own (counted, logged), never the run's.
 * When the page cannot give a body (fetch refused, extraction empty) and the listing had
 * one, the listing's story is kept instead. Null when robots.txt forbids the page (the
 * site's wish, not a failure) or the page is unchanged (304).
 */
export async function fetchPageStory(source: PageSource, page: PageRequest, deps: SourceDeps): Promise<Collected | null> {
  const base = storyContext(source, deps.global);
  const ctx = { ...base, key: page.url, language: page.language === undefined ? base.language : page.language };
  try {
    const res = await deps.http.get(page.url, { source: { id: source.id, url: source.url }, conditional: page.conditional, signal: deps.signal });
    if (res.notModified) {
      await res.commitValidators();
      return null;
    }
    const listed = page.listed && { raw: page.listed, url: page.url };
    const story = await parserOf(deps).story({ input: { kind: 'page', html: res.text, url: res.url, listed }, ctx });
    return { ref: page.url, story, ack: () => res.commitValidators() };
  } catch (err) {
    if (err instanceof AppError && err.code === 'FETCH_DISALLOWED') {
      deps.log.debug({ url: page.url }, 'page disallowed by robots.txt');
      return null;
    }
    if (page.listed?.html || page.listed?.paragraphs?.length) {
      deps.log.warn({ err, url: page.url }, 'full text unavailable; keeping the listed story');
      try {
        return { ref: page.url, story: await parserOf(deps).story({ input: { kind: 'raw', raw: { ...page.listed, url: page.url } }, ctx }) };
      } catch {
        // Fall through: the page's error is the one worth reporting.
      }
    }
    return { ref: page.url, error: err instanceof Error ? err : new Error(errorMessage(err)) };
  }
}
