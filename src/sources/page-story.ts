// An article page fetched for a listing entry (a feed item with `fullText`, a sitemap URL):
// extracted from the page, with the listing's metadata where the page has none.
import { storyContext } from './story-context.js';
import type { ExtractRules, NormalizeRules } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import { normalizeStory } from '../normalize/normalize-story.js';
import type { RawStory } from '../story.js';
import { parserOf } from './parser.js';
import type { Collected, SourceDeps } from './source-adapter.js';

export interface PageSource {
  id: string;
  url: string;
  extract: Partial<ExtractRules>;
  normalize: Partial<NormalizeRules>;
}

export interface PageRequest {
  /** The listing's canonical link: the story's identity whatever the page calls itself. */
  url: string;
  /** What the listing said about the story: title, dates, byline, and maybe a body. */
  listed: RawStory;
  language: string | null;
}

/**
 * Fetches and extracts one page. When the page cannot give a body (fetch refused,
 * extraction empty) and the listing had one, the listing's story is kept instead.
 * Null when robots.txt forbids the page: the site's wish, not a failure.
 */
export async function fetchPageStory(source: PageSource, page: PageRequest, deps: SourceDeps): Promise<Collected | null> {
  const ctx = { ...storyContext(source, deps.global), key: page.url, language: page.language };
  try {
    const res = await deps.http.get(page.url, { source: { id: source.id, url: source.url }, signal: deps.signal });
    const extracted = await parserOf(deps).page(res.text, { url: res.url, rules: source.extract });
    const story = normalizeStory(mergeListed(extracted, page.listed, page.url), ctx);
    return { ref: page.url, story, ack: () => res.commitValidators() };
  } catch (err) {
    if (err instanceof AppError && err.code === 'FETCH_DISALLOWED') {
      deps.log.debug({ url: page.url }, 'page disallowed by robots.txt');
      return null;
    }
    if (page.listed.html || page.listed.paragraphs?.length) {
      deps.log.warn({ err, url: page.url }, 'full text unavailable; keeping the listed story');
      try {
        return { ref: page.url, story: normalizeStory({ ...page.listed, url: page.url }, ctx) };
      } catch {
        // Fall through: the page's error is the one worth reporting.
      }
    }
    return { ref: page.url, error: err instanceof Error ? err : new Error(errorMessage(err)) };
  }
}

/** The page wins field by field; the listing fills what the page lacks. The URL stays the listing's. */
export function mergeListed(extracted: RawStory, listed: RawStory, url: string): RawStory {
  const merged: RawStory = { ...listed };
  for (const [key, value] of Object.entries(extracted) as [keyof RawStory, unknown][]) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  // The body is the page's as a whole: never the page's paragraphs with the listing's HTML.
  if (extracted.paragraphs?.length || extracted.html) {
    merged.paragraphs = extracted.paragraphs;
    merged.html = extracted.html ?? null;
  }
  return { ...merged, url };
}
