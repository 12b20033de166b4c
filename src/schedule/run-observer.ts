// Watches one run from the side, without changing it: what the source listed, what each
// fetch answered (challenge pages included), which items failed and why, and the error
// that ended the run. Its notes are what run-health.ts judges the run by.
import type { HttpClient } from '../fetch/http-client.js';
import type { Parser } from '../sources/parser.js';
import type { Collected } from '../sources/source-adapter.js';
import type { Story } from '../story.js';
import { challengeMarker } from './challenge-page.js';

/** Enough stories to judge shares by; a files source's thousand-file backlog need not all stay in memory. */
const MAX_KEPT = 500;

export interface RunNotes {
  /** Article links, feed items and sitemap URLs the source's listings held. */
  listed: number;
  /** Listings and pages answered 304 (or unchanged bytes): nothing new, not nothing there. */
  notModified: number;
  /** The first URL fetched (a listing, a feed): the example of an empty run. */
  firstUrl: string | null;
  /** Pages that were a bot challenge or captcha, with what gave them away. */
  challenges: { url: string; marker: string }[];
  /** Fetches that failed, with their error. */
  fetchErrors: { url: string; error: unknown }[];
  stories: Story[];
  itemErrors: { ref: string; error: Error }[];
  unchanged: number;
  /** The error that ended the run (rethrown to the ingest loop, which records it). */
  thrown: unknown;
}

export class RunObserver {
  readonly notes: RunNotes = { listed: 0, notModified: 0, firstUrl: null, challenges: [], fetchErrors: [], stories: [], itemErrors: [], unchanged: 0, thrown: undefined };

  http(inner: HttpClient): HttpClient {
    const notes = this.notes;
    return {
      async get(url, options) {
        notes.firstUrl ??= url;
        try {
          const res = await inner.get(url, options);
          if (res.notModified) notes.notModified += 1;
          const marker = challengeMarker(res.text, res.headers);
          if (marker) notes.challenges.push({ url: res.url, marker });
          return res;
        } catch (error) {
          notes.fetchErrors.push({ url, error });
          throw error;
        }
      },
      close: () => inner.close(),
    };
  }

  parser(inner: Parser): Parser {
    const notes = this.notes;
    return {
      ...inner,
      links: async (arg) => {
        const listing = await inner.links(arg);
        notes.listed += listing.links.length;
        return listing;
      },
      feed: async (arg) => {
        const feed = await inner.feed(arg);
        notes.listed += feed.items.length;
        return feed;
      },
      sitemap: async (arg) => {
        const sitemap = await inner.sitemap(arg);
        notes.listed += sitemap.urls.length;
        return sitemap;
      },
    };
  }

  collect(inner: () => AsyncIterable<Collected>): () => AsyncIterable<Collected> {
    const notes = this.notes;
    return async function* () {
      try {
        for await (const item of inner()) {
          if ('story' in item) {
            if (notes.stories.length < MAX_KEPT) notes.stories.push(item.story);
          } else if ('error' in item) notes.itemErrors.push({ ref: item.ref, error: item.error });
          else notes.unchanged += 1;
          yield item;
        }
      } catch (err) {
        notes.thrown = err;
        throw err;
      }
    };
  }
}
