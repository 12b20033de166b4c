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
    const story = await parserOf(deps).pageStory({ html: res.text, options: { url: res.url, rules: source.extract }, ctx, listed: { raw: page.listed, url: page.url } });
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
