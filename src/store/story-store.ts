// The stories role of the Store: stories by stable id, feed listings and the cheap
// per-feed state the render cache keys on.
import { createHash } from 'node:crypto';
import type { StoredStoryText } from '../stored-story.js';
import type { Story, StoredStory } from '../story.js';

export type UpsertResult = 'new' | 'updated' | 'unchanged';

export interface StoryQuery {
  sourceIds: readonly string[];
  limit: number;
  /** Paging: only stories whose effective date (`sortDate`) is older than this (ISO). */
  before?: string;
  /** With `before`: stories of exactly that date come after this id, (sort_date, id) order. */
  beforeId?: string;
}

/**
 * A stored story as its row holds it, the Story still JSON text: feeds parse it on a
 * render thread (src/server/feed-renderer.ts), so the event loop only copies the text.
 */
export interface StoryRow extends StoredStoryText {
  /** The row's effective date (`sortDate`) and story id: the paging cursor. */
  sortDate: string;
  id: string;
}

/** A cheap per-feed state read on every request: the render cache keys on it. */
export interface FeedState {
  /** Sum of source versions; changes whenever any story of the feed changes. */
  version: number;
  /** Newest change of any story in the feed (ISO), or null when empty. */
  lastChanged: string | null;
}

/** Ingest volume of one source, by when stories were first seen. */
export interface StoryStats {
  total: number;
  /** First seen in the 24 hours before `now`. */
  last24h: number;
  /** UTC days (YYYY-MM-DD) from `since` on that have stories, oldest first. */
  perDay: { day: string; count: number }[];
}

export interface StoryStore {
  upsertStory(story: Story, at: Date): Promise<UpsertResult>;
  /** Newest first: by effective date (`sortDate`), then id; `limit` per query, whatever the number of sources. */
  listStories(query: StoryQuery): Promise<StoredStory[]>;
  /** What listStories lists, unparsed. */
  listStoryRows(query: StoryQuery): Promise<StoryRow[]>;
  /** One story by its id (a primary-key lookup, for its page), unparsed; null when there is none. */
  storyRow(id: string): Promise<StoryRow | null>;
  countStories(sourceId: string): Promise<number>;
  feedState(sourceIds: readonly string[]): Promise<FeedState>;
  /**
   * When the feed `feedId` was first served (ISO): `now` on the first call, the same
   * answer on every later one, from any process. An empty feed's date: never the epoch,
   * never the wall clock of each request.
   */
  firstServed(feedId: string, now: Date): Promise<string>;
  /** Which of `urls` this source already has: as a story's URL, or as a URL it fetched before. */
  knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>>;
  storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats>;
}

/** The content hash the stores keep per story (of its JSON): new, updated or unchanged is decided by it. */
export function storyContentHash(story: Story, json = JSON.stringify(story)): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Feed order: a story's effective date is its published date, else when we first
 * saw it (dates are never invented; docs/story.md).
 */
export function sortDate(s: StoredStory): string {
  return s.story.published ?? s.firstSeen;
}
