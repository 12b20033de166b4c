// The html source: a section page of a news site. Fetch the listing (and `next` pages),
// find article links, fetch the ones not seen yet, extract, and hand Stories to the run.
import type { SourceOf } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { FetchResult } from '../fetch/http-client.js';
import { parserOf } from './parser.js';
import { storyContext } from './story-context.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';

type HtmlSource = SourceOf<'html'>;

export const htmlSource: SourceAdapter<'html'> = {
  type: 'html',
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const { links, listings } = await listArticles(source, deps);
    const max = source.maxItems ?? deps.global.defaults.maxItems;
    const wanted = await dueLinks(source, deps, links.slice(0, max));
    for (const url of wanted) {
      if (deps.signal?.aborted) return;
      const item = await fetchArticle(source, deps, url);
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
    const listing = await parserOf(deps).links(res.text, { pageUrl: res.url, links: source.links, next: source.next });
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

/** One article; its failure is its own (counted, logged), never the run's. */
async function fetchArticle(source: HtmlSource, deps: SourceDeps, url: string): Promise<Collected | null> {
  try {
    const res = await deps.http.get(url, { source, conditional: source.refreshHours !== undefined, signal: deps.signal });
    if (res.notModified) {
      await res.commitValidators();
      return null;
    }
    // The page's canonical link is its identity when it names one; the fetched URL otherwise.
    const story = await parserOf(deps).pageStory({ html: res.text, options: { url: res.url, rules: source.extract }, ctx: { ...storyContext(source, deps.global), key: res.url } });
    return { ref: url, story, ack: () => res.commitValidators() };
  } catch (err) {
    // robots.txt says no: that is the site's wish, not a failure.
    if (err instanceof AppError && err.code === 'FETCH_DISALLOWED') {
      deps.log.debug({ url }, 'article disallowed by robots.txt');
      return null;
    }
    return { ref: url, error: err instanceof Error ? err : new Error(String(err)) };
  }
}
