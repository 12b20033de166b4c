// The neutral feed model every renderer reads (jpmonette/feed style): no I/O, `now` passed in.
import type { StoredStory } from '../story.js';
import type { FeedDefinition } from './feed-definitions.js';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface FeedModel {
  id: string;
  title: string;
  description: string;
  language: string;
  /** The HTML preview page of this feed. */
  homeUrl: string;
  selfUrl: string;
  links: Record<FeedFormat, string>;
  hub?: string;
  /** Newest story change, or `now` for an empty feed. */
  updated: Date;
  ttlMinutes: number;
  items: StoredStory[];
}

export function feedUrl(baseUrl: string, id: string, format?: FeedFormat): string {
  return `${baseUrl.replace(/\/$/, '')}/feeds/${id}${format ? `.${format}` : ''}`;
}

export function buildFeedModel(
  def: FeedDefinition,
  items: StoredStory[],
  options: { baseUrl: string; format: FeedFormat; now: Date; hub?: string },
): FeedModel {
  const newest = items.reduce<string | null>((m, s) => (m === null || s.lastChanged > m ? s.lastChanged : m), null);
  const links = {
    rss: feedUrl(options.baseUrl, def.id, 'rss'),
    atom: feedUrl(options.baseUrl, def.id, 'atom'),
    json: feedUrl(options.baseUrl, def.id, 'json'),
  };
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    language: def.language,
    homeUrl: feedUrl(options.baseUrl, def.id),
    selfUrl: links[options.format],
    links,
    hub: options.hub,
    updated: newest ? new Date(newest) : options.now,
    ttlMinutes: def.ttlMinutes,
    items,
  };
}
