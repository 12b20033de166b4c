// The sitemap source: a (Google News) sitemap or sitemap index. One run, top to bottom:
// fetch the sitemap (304: done; an index: its recent child sitemaps) -> recent entries ->
// the URLs this source has not seen -> fetch and extract each page, with the sitemap's
// title, date and keywords where the page has none -> store.
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ExtractRulesSchema, httpUrl, sourceFields } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import { recentEntries, type ParsedSitemap, type SitemapEntry } from '../extract/sitemap.js';
import type { FetchResult } from '../fetch/http-client.js';
import type { RawStory } from '../story.js';
import { fetchPageStory } from './page-story.js';
import { parserOf } from './parser.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';


/** Child sitemaps read per run (newest first): archives of past years need no polling. */
const MAX_CHILD_SITEMAPS = 10;

const schema = z.strictObject({
  ...sourceFields,
  type: z.literal('sitemap'),
  url: httpUrl,
  maxAgeHours: z.number().positive().optional(),
  extract: ExtractRulesSchema.prefault({}),
});
type SitemapSource = z.infer<typeof schema>;

export const sitemapSource: SourceAdapter<typeof schema> = {
  schema,
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const now = deps.clock.now();
    const root = await fetchSitemap(source.url, source, deps);
    if (!root) return;
    const read = [root];
    if (root.parsed.kind === 'index') {
      for (const child of recentEntries(root.parsed.sitemaps, now, source.maxAgeHours).slice(0, MAX_CHILD_SITEMAPS)) {
        try {
          const got = await fetchSitemap(child.url, source, deps);
          if (got) read.push(got);
        } catch (err) {
          yield { ref: child.url, error: err instanceof Error ? err : new Error(errorMessage(err)) };
        }
      }
    }
    const recent = recentEntries(read.flatMap((r) => r.parsed.urls), now, source.maxAgeHours);
    const known = await deps.store.knownUrls(source.id, recent.map((e) => e.url));
    const fresh = recent.filter((e) => !known.has(e.url));
    const limit = source.maxItems ?? deps.global.defaults.maxItems;
    for (const entry of fresh.slice(0, limit)) {
      if (deps.signal?.aborted) return;
      const language = source.language ?? entry.news?.language ?? deps.global.defaults.language;
      const page = await fetchPageStory(source, { url: entry.url, listed: listedStory(entry), language }, deps);
      if (page) yield page;
    }
    // A sitemap cut short by maxItems is read in full again next time (no validators),
    // so that its remaining URLs are not hidden behind a 304.
    if (fresh.length <= limit) for (const r of read) await r.res.commitValidators();
  },
};

/** What the sitemap says about a URL: fallbacks for what the page lacks. */
function listedStory(entry: SitemapEntry): RawStory {
  return {
    title: entry.news?.title ?? null,
    published: entry.news?.published ?? entry.lastmod,
    updated: entry.lastmod,
    categories: entry.news?.keywords ?? [],
    language: entry.news?.language ?? null,
  };
}

async function fetchSitemap(url: string, source: SitemapSource, deps: SourceDeps): Promise<{ res: FetchResult; parsed: ParsedSitemap } | null> {
  const res = await deps.http.get(url, {
    source: { id: source.id, url: source.url },
    conditional: true,
    accept: 'application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.5',
    signal: deps.signal,
  });
  if (res.notModified) return null;
  const parsed = await parserOf(deps).sitemap({ xml: sitemapText(res, deps.global.fetch.maxBytes), options: { url: res.url } });
  if (parsed.kind === 'unknown') throw new AppError('PARSE_FAILED', `${res.url}: not a sitemap (no <urlset> or <sitemapindex>)`);
  return { res, parsed };
}

/**
 * A `.xml.gz` sitemap arrives gzipped as content (not as Content-Encoding, which the
 * client already undid). Inflated here under the same size cap; the protocol makes
 * sitemaps UTF-8.
 */
function sitemapText(res: FetchResult, maxBytes: number): string {
  if (res.body[0] !== 0x1f || res.body[1] !== 0x8b) return res.text;
  try {
    return gunzipSync(res.body, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (err) {
    const tooLarge = err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new AppError(tooLarge ? 'FETCH_TOO_LARGE' : 'PARSE_FAILED', `${res.url}: ${tooLarge ? `inflates past ${maxBytes} bytes` : `bad gzip: ${errorMessage(err)}`}`, { cause: err });
  }
}
