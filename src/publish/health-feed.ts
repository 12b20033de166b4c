// The operator feed (/feeds/_health.atom, .rss, .json): one entry per change of a source's
// health, so that an operator reads alerts in the feed reader they already use. Built as
// the neutral feed model and rendered by the formats registry, like every feed.
import { escapeHtml } from '../escape-html.js';
import type { HealthEvent } from '../store/store.js';
import type { FeedItem, FeedModel } from './feed-model.js';
import { feedLinks } from './feed-url.js';
import type { FeedFormat } from './formats.js';

/** Not a valid feed id (those start with a letter or digit): it can never clash with a configured feed. */
export const HEALTH_FEED_ID = '_health';

/** Changes kept in the feed: a reader polling hourly misses none on a bad day. */
export const HEALTH_FEED_ENTRIES = 100;

export interface HealthFeedOptions {
  title: string;
  baseUrl: string;
  format: FeedFormat;
  /** When the feed was first served: its date while it has no entries (bytes stay stable). */
  firstServed: string;
}

/** `events` newest first, their reason and example already as the public may see them. */
export function buildHealthFeed(events: readonly HealthEvent[], options: HealthFeedOptions): FeedModel {
  const links = feedLinks(options.baseUrl, HEALTH_FEED_ID);
  const self = links.find((l) => l.format === options.format)!;
  const items = events.map((e) => healthItem(e, options.baseUrl));
  return {
    id: HEALTH_FEED_ID,
    title: `${options.title}: source health`,
    description: 'One entry each time a source changes health (ok, empty, degraded, blocked, unreachable, broken, misconfigured).',
    language: 'en',
    homeUrl: `${options.baseUrl}/status`,
    selfUrl: self.href,
    self,
    links,
    updated: new Date(Math.max(Date.parse(options.firstServed), ...items.map((i) => i.updated.getTime()))),
    ttlMinutes: 5,
    items,
  };
}

/** "news is blocked (was ok)": the state is the news, so it leads the title. */
export function healthTitle(e: Pick<HealthEvent, 'sourceId' | 'state' | 'previous'>): string {
  if (e.state === 'ok') return `${e.sourceId} recovered${e.previous ? ` (was ${e.previous})` : ''}`;
  return `${e.sourceId} is ${e.state}${e.previous ? ` (was ${e.previous})` : ''}`;
}

function healthItem(e: HealthEvent, baseUrl: string): FeedItem {
  const at = new Date(e.at);
  const summary = e.example ? `${e.reason}. Example: ${e.example}` : `${e.reason}.`;
  const html = `<p>${escapeHtml(e.reason)}.</p>${e.example ? `<p>Example: <code>${escapeHtml(e.example)}</code></p>` : ''}<p>Since ${escapeHtml(e.at)}.</p>`;
  return {
    id: `tag:${new URL(baseUrl).host},${e.at.slice(0, 10)}:health:${e.sourceId}:${e.id}`,
    link: `${baseUrl}/status#source-${encodeURIComponent(e.sourceId)}`,
    title: healthTitle(e),
    summary,
    contentHtml: html,
    published: at,
    publishedSource: 'story',
    updated: at,
    authors: [],
    contributors: [],
    credits: [],
    categories: [e.state, e.sourceId],
    images: [],
    dateline: null,
    language: 'en',
  };
}

