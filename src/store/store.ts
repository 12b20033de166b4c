// The Store interface: one contract, one test suite, several backends (SQLite, PostgreSQL).
import { createHash } from 'node:crypto';
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

/** Run bookkeeping for operators and backoff. */
export interface RunStats {
  /** Every run ever started, including one in progress. */
  runs: number;
  /** Failed runs since the last successful one (0 after a success). */
  consecutiveFailures: number;
}

/** Ingest volume of one source, by when stories were first seen. */
export interface StoryStats {
  total: number;
  /** First seen in the 24 hours before `now`. */
  last24h: number;
  /** UTC days (YYYY-MM-DD) from `since` on that have stories, oldest first. */
  perDay: { day: string; count: number }[];
}

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
export interface StoryRow {
  json: string;
  firstSeen: string;
  lastChanged: string;
  /** The row's effective date (`sortDate`) and story id: the paging cursor. */
  sortDate: string;
  id: string;
}

export function parseStoryRow(row: Pick<StoryRow, 'json' | 'firstSeen' | 'lastChanged'>): StoredStory {
  return { story: JSON.parse(row.json) as Story, firstSeen: row.firstSeen, lastChanged: row.lastChanged };
}

/** A cheap per-feed state read on every request: the render cache keys on it. */
export interface FeedState {
  /** Sum of source versions; changes whenever any story of the feed changes. */
  version: number;
  /** Newest change of any story in the feed (ISO), or null when empty. */
  lastChanged: string | null;
}

/** Conditional-GET validators of one URL as fetched for one source, and when it was last checked. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
  /** ISO time of the last successful fetch. */
  checkedAt: string;
  /** SHA-256 of the body last processed: an upstream without validators that sends the same bytes is unchanged. */
  bodyHash?: string | null;
}

/** A claim on the run lease of one source, for one scheduled tick or for a run outside the schedule. */
export interface LeaseClaim {
  sourceId: string;
  /** The claiming worker: one id per process. */
  owner: string;
  /**
   * The scheduled tick (ISO): a lease is taken at most once per tick. Null for a run
   * outside the schedule (a folder-watch run): it only needs nobody else running, and
   * leaves the last tick as it is.
   */
  slot: string | null;
  ttlMs: number;
}

/**
 * What came of a lease claim:
 * - `taken`: the lease is the claimer's, for this tick (or for its run outside the schedule);
 * - `retaken`: this tick was taken before by a worker that died running it (its lease
 *   expired unreleased): the claimer runs it again, recorded without the slot (the tick's
 *   run row exists);
 * - `busy`: a live worker holds the lease (an earlier tick, this tick, or a run outside the
 *   schedule): a tick may ask again shortly, since it may still fall to the claimer;
 * - `spent`: this tick, or a later one, was run (or is being run) and is done with.
 */
export type LeaseOutcome = 'taken' | 'retaken' | 'busy' | 'spent';

/**
 * What the files source knew of one story file when it last stored (or confirmed) the
 * story made from it: lets an unchanged file be skipped unparsed (src/sources/files.ts).
 */
export interface StoryFileMark {
  /** The file name inside the source's folder. */
  name: string;
  /** Size, mtime, ctime and inode as read just before the content. */
  stat: string;
  /** Whether `stat` alone may vouch for the content next time (it was old enough when read). */
  statTrusted: boolean;
  /** The wirefeed version and source options the story was made with. */
  parser: string;
  /** sha256 of the file's bytes. */
  fileHash: string;
  storyId: string;
  /** storyContentHash of the story stored from the file. */
  storyHash: string;
}

/** Which scheduled tick a run is for, and which worker runs it. */
export type RunTick = Pick<LeaseClaim, 'slot' | 'owner'>;

export interface Store {
  migrate(): Promise<void>;
  upsertStory(story: Story, at: Date): Promise<UpsertResult>;
  /** Newest first: by effective date (`sortDate`), then id; `limit` per query, whatever the number of sources. */
  listStories(query: StoryQuery): Promise<StoredStory[]>;
  /** What listStories lists, unparsed. */
  listStoryRows(query: StoryQuery): Promise<StoryRow[]>;
  countStories(sourceId: string): Promise<number>;
  feedState(sourceIds: readonly string[]): Promise<FeedState>;
  /** `tick`: the scheduled tick and lease owner of a leased run (at most one run per source and slot). */
  startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number>;
  finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void>;
  lastRun(sourceId: string): Promise<RunRecord | null>;
  /** Validators saved by the last successful fetch of `url` for this source, or null. */
  getValidators(sourceId: string, url: string): Promise<Validators | null>;
  saveValidators(sourceId: string, url: string, validators: Validators): Promise<void>;
  /** Which of `urls` this source already has: as a story's URL, or as a URL it fetched before. */
  knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>>;
  /** When the last successful run of the source finished (ISO), or null. */
  lastSuccess(sourceId: string): Promise<string | null>;
  /**
   * Claims the run lease of a source, atomically across processes (see leaseOutcome):
   * only when nobody holds it (never taken, released, or expired) and, for a tick, when
   * that tick was not taken yet (or its holder died running it). Taking over a lease whose
   * holder died (expired, never released) marks the dead holder's runs of that source
   * still 'running' as failed ("abandoned").
   */
  acquireLease(claim: LeaseClaim): Promise<LeaseOutcome>;
  /** Extends a lease still held by `owner`; false when it was lost. */
  renewLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(sourceId: string, owner: string): Promise<void>;
  runStats(sourceId: string): Promise<RunStats>;
  /**
   * The story file marks of a source; `current`: the stored story still has the mark's
   * `storyHash` (false when something else, e.g. a concurrent run, stored another version).
   */
  storyFileMarks(sourceId: string): Promise<(StoryFileMark & { current: boolean })[]>;
  saveStoryFileMark(sourceId: string, mark: StoryFileMark): Promise<void>;
  /** Drops the marks of files that are gone (their stories stay). */
  forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void>;
  storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The lease row as a claim finds it: `alive` when not released and not expired. */
export interface LeaseRow {
  slot: string;
  released: boolean;
  alive: boolean;
}

/** The one lease decision of every backend (each reads the row under its own lock). */
export function leaseOutcome(prev: LeaseRow | undefined, slot: string | null): LeaseOutcome {
  if (!prev) return 'taken';
  if (slot !== null && prev.slot > slot) return 'spent';
  if (prev.alive) return 'busy';
  if (slot !== null && prev.slot === slot) return prev.released ? 'spent' : 'retaken';
  return 'taken';
}

/** The content hash the stores keep per story (of its JSON): new, updated or unchanged is decided by it. */
export function storyContentHash(story: Story, json = JSON.stringify(story)): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Feed order: a story's effective date is its published date, else when we first
 * saw it (dates are never invented; DESIGN.md).
 */
export function sortDate(s: StoredStory): string {
  return s.story.published ?? s.firstSeen;
}
