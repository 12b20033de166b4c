// The stories role of the Store: stories by stable id, feed listings and the cheap
// per-feed state the render cache keys on.
import type { StoredStoryText } from '../stored-story.js';
import type { Story, StoredStory } from '../story.js';
import type { UpsertResult, VersionField } from './story-revision.js';

export { storyContentHash, type UpsertResult, type VersionField } from './story-revision.js';

export interface StoryQuery {
  sourceIds: readonly string[];
  limit: number;
  /** Paging: only stories whose effective date (`sortDate`) is older than this (ISO). */
  before?: string;
  /** With `before`: stories of exactly that date come after this id, (sort_date, id) order. */
  beforeId?: string;
  /** Feeds: stories held back by an embargo later than this (ISO) are left out. Without it every story is listed. */
  visibleAt?: string;
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

/** One version of a story as the versions API lists it. */
export interface StoryVersion {
  /** 1 for the story as first stored. */
  version: number;
  story: Story;
  /** When this version was stored. */
  storedAt: string;
  /** The run that stored it, when known (null for the first version and writes outside runs). */
  runId: number | null;
  /** What it changed from the version before (empty for the first). */
  changes: VersionField[];
  /** The correction line it came with. */
  note: string | null;
}

export interface StoryHistory {
  sourceId: string;
  firstSeen: string;
  /** The embargo column: when the story shows in feeds, or null when it was never held back. */
  embargoUntil: string | null;
  /** Oldest first; the last is the current story. */
  versions: StoryVersion[];
}

export type WithdrawResult = 'withdrawn' | 'unchanged' | 'unknown';

export interface StoryStore {
  /**
   * Stores a story by its id: new, updated (a real content change, the previous version
   * kept, see story-revision.ts) or unchanged. `runId`: the run it came from.
   */
  upsertStory(story: Story, at: Date, runId?: number): Promise<UpsertResult>;
  /** Marks a stored story of `sourceId` withdrawn, through the same write as upsertStory ('unknown': no such story). */
  withdrawStory(sourceId: string, id: string, reason: string, at: Date, runId?: number): Promise<WithdrawResult>;
  /** Every version of a story, or null when there is no such story. */
  storyHistory(id: string): Promise<StoryHistory | null>;
  /** Newest first: by effective date (`sortDate`), then id; `limit` per query, whatever the number of sources. */
  listStories(query: StoryQuery): Promise<StoredStory[]>;
  /** What listStories lists, unparsed. */
  listStoryRows(query: StoryQuery): Promise<StoryRow[]>;
  /** One story by its id (a primary-key lookup, for its page), unparsed; null when there is none. */
  storyRow(id: string): Promise<StoryRow | null>;
  countStories(sourceId: string): Promise<number>;
  /**
   * With `at`, embargoes lifted by then count as changes: the version turns over (and
   * lastChanged moves to the lift) the moment a held-back story joins the feed.
   */
  feedState(sourceIds: readonly string[], at?: Date): Promise<FeedState>;
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

/**
 * Feed order: a story's effective date is its published date, else when we first
 * saw it (dates are never invented; docs/story.md).
 */
export function sortDate(s: StoredStory): string {
  return s.story.published ?? s.firstSeen;
}
