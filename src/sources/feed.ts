// The feed source: an upstream RSS / Atom / JSON feed, polled with conditional GET.
// One run, top to bottom: fetch (304: done) -> parse (broken feeds yield their good
// items) -> per item: normalize (or fetch and extract the page, fullText) -> store.
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { ExtractRulesSchema, httpUrl, sourceFields } from '../config/schema.js';
import type { FeedItem } from '../extract/feed-items.js';
import type { FetchResult } from '../fetch/http-client.js';
import { outcomeError } from '../threads/outcome.js';
import { fetchPageStory } from './page-story.js';
import { parserOf } from './parser.js';
import type { Collected, SourceAdapter } from './source-adapter.js';
import { storyContext } from './story-context.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

const schema = z.strictObject({
  ...sourceFields,
  type: z.literal('feed'),
  url: httpUrl,
  fullText: z.boolean().default(false),
  extract: ExtractRulesSchema.prefault({}),
});

export const feedSource: SourceAdapter<typeof schema> = {
  schema,
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const res = await deps.http.get(source.url, {
      source: { id: source.id, url: source.url },
      conditional: true,
      accept: FEED_ACCEPT,
      signal: deps.signal,
    });
    if (res.notModified) {
      deps.log.debug({ url: source.url }, 'feed not modified');
      return;
    }
    const parsed = await parserOf(deps).feed({ text: feedText(res), options: { url: res.url } });
    if (parsed.repaired) deps.log.warn({ url: source.url, items: parsed.items.length }, 'feed was malformed; items recovered');
    const items = parsed.items.slice(0, source.maxItems ?? deps.global.defaults.maxItems);
    const language = source.language ?? parsed.language ?? deps.global.defaults.language;
    const ctx = { ...storyContext(source, deps.global), language };
    // Full text: a known link was fetched and extracted before; the feed's shorter copy must not overwrite it.
    const known = source.fullText ? await deps.store.knownUrls(source.id, items.flatMap((i) => i.raw.url ?? [])) : new Set<string>();
    // Items that are their own story (no page to fetch) are normalized together off the event loop.
    const own = items.filter((i) => !(source.fullText && i.raw.url));
    const built = await parserOf(deps).stories(own.map((item) => ({ input: { kind: 'raw', raw: item.raw }, ctx: { ...ctx, key: itemKey(item) } })));
    const stories = new Map(own.map((item, i) => [item, built[i]!]));
    for (const [index, item] of items.entries()) {
      if (deps.signal?.aborted) return;
      const url = item.raw.url;
      if (source.fullText && url) {
        if (known.has(url)) continue;
        const page = await fetchPageStory(source, { url, listed: item.raw, language: item.raw.language ?? language }, deps);
        if (page) yield page;
        continue;
      }
      const ref = url ?? item.guid ?? `item ${index + 1}`;
      const story = stories.get(item)!;
      yield 'value' in story ? { ref, story: story.value } : { ref, error: outcomeError(story.error) };
    }
    // Only now, with every item stored: a crash before this refetches the whole feed.
    await res.commitValidators();
  },
};

/**
 * The story's identity: the canonical link when there is one (a changed guid with the
 * same link is the same story), else the guid, else its content (normalizer default).
 */
function itemKey(item: FeedItem): string | undefined {
  return item.raw.url ? undefined : item.guid ?? undefined;
}

/**
 * Feeds often declare a legacy charset and send UTF-8: valid UTF-8 with non-ASCII bytes
 * is almost never windows-1252 or Latin-1 text, so UTF-8 wins over a single-byte
 * declaration.
 */
export function feedText(res: Pick<FetchResult, 'body' | 'text' | 'charset'>): string {
  const singleByte = /^(?:windows-125\d|iso-8859-\d+|us-ascii|latin1|ascii)$/i.test(res.charset ?? '');
  const hasHighBytes = res.body.some((b) => b >= 0x80);
  return singleByte && hasHighBytes && isUtf8(res.body) ? res.body.toString('utf8') : res.text;
}
