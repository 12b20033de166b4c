// The html source: a section page of a news site. Fetch the listing (and `next` pages),
// find article links, fetch the ones not seen yet, extract, and hand Stories to the run.
import { z } from 'zod';
import { ExtractRulesSchema, httpUrl, sourceFields } from '../config/schema.js';
import type { FetchResult } from '../fetch/http-client.js';
import { fetchPageStory } from './page-story.js';
import { parserOf } from './parser.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';

const schema = z.strictObject({
  ...sourceFields,
  type: z.literal('html'),
  url: httpUrl,
  links: z.string().optional(),
  next: z.string().optional(),
  maxPages: z.number().int().positive().default(1),
  refreshHours: z.number().positive().optional(),
  extract: ExtractRulesSchema.prefault({}),
});
type HtmlSource = z.infer<typeof schema>;

export const htmlSource: SourceAdapter<typeof schema> = {
  schema,
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const { links, listings } = await listArticles(source, deps);
    const max = source.maxItems ?? deps.global.defaults.maxItems;
    const wanted = await dueLinks(source, deps, links.slice(0, max));
    for (const url of wanted) {
      if (deps.signal?.aborted) return;
      const item = await fetchPageStory(source, { url, conditional: source.refreshHours !== undefined }, deps);
      if (item) yield item;
    }
    // Listing validators only once every article was handed over: a crash refetches the listing.
    for (const listing of listings) await listing.commitValidators();
  },
};

/** Listing pages from the configured URL, following `next` up to `maxPages`. A 304 listing adds nothing. */
async function listArticles(source: HtmlSource, deps: SourceDeps): Promise<{ links: string[]; listings: FetchResult[] }> {
  const links = new Set<string>();
  const listings: FetchResult[] = [];
  let pageUrl: string | null = source.url;
  for (let page = 0; pageUrl && page < source.maxPages; page++) {
    // With refreshHours the listing is read in full each run: a 304 would hide the links due for refresh.
    const conditional = source.refreshHours === undefined;
    const res = await deps.http.get(pageUrl, { source, conditional, signal: deps.signal });
    listings.push(res);
    if (res.notModified) break;
    const listing = await parserOf(deps).links({ html: res.text, options: { pageUrl: res.url, links: source.links, next: source.next } });
    for (const link of listing.links) links.add(link);
    pageUrl = listing.next && !listings.some((l) => l.url === listing.next) ? listing.next : null;
  }
  deps.log.debug({ links: links.size, pages: listings.length }, 'listing read');
  return { links: [...links], listings };
}

/** New links, and known ones whose last fetch is older than `refreshHours`. */
async function dueLinks(source: HtmlSource, deps: SourceDeps, links: string[]): Promise<string[]> {
  const known = await deps.store.knownUrls(source.id, links);
  const due: string[] = [];
  for (const url of links) {
    if (!known.has(url)) due.push(url);
    else if (source.refreshHours !== undefined) {
      const checked = (await deps.store.getValidators(source.id, url))?.checkedAt;
      const age = checked ? deps.clock.now().getTime() - Date.parse(checked) : Infinity;
      if (age >= source.refreshHours * 3_600_000) due.push(url);
    }
  }
  return due;
}
