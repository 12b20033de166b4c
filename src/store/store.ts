// The Store interface: one contract, one test suite, several backends (SQLite, PostgreSQL).
import type { Story, StoredStory } from '../story.js';

export type UpsertResult = 'new' | 'updated' | 'unchanged';

export interface RunCounts {
  new: number;
  updated: number;
  failed: number;
}

export interface RunRecord extends RunCounts {
  id: number;
  sourceId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  error: string | null;
}

export interface StoryQuery {
  sourceIds: readonly string[];
  limit: number;
  /** Paging: only stories ordered strictly after this cursor (see `storyCursor`). */
  before?: string;
}

/** A cheap per-feed state read on every request: the render cache keys on it. */
export interface FeedState {
  /** Sum of source versions; changes whenever any story of the feed changes. */
  version: number;
  /** Newest change of any story in the feed (ISO), or null when empty. */
  lastChanged: string | null;
}

export interface Store {
  migrate(): Promise<void>;
  upsertStory(story: Story, at: Date): Promise<UpsertResult>;
  listStories(query: StoryQuery): Promise<StoredStory[]>;
  countStories(sourceId: string): Promise<number>;
  feedState(sourceIds: readonly string[]): Promise<FeedState>;
  startRun(sourceId: string, at: Date): Promise<number>;
  finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void>;
  lastRun(sourceId: string): Promise<RunRecord | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Feed order: a story's effective date is its published date, else when we first
 * saw it (dates are never invented; DESIGN.md).
 */
export function sortDate(s: StoredStory): string {
  return s.story.published ?? s.firstSeen;
}
