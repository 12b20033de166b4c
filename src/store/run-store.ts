// The runs role of the Store: one row per source run, for operators and backoff.
import type { LeaseClaim } from './lease-store.js';

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

/** Which scheduled tick a run is for, and which worker runs it. */
export type RunTick = Pick<LeaseClaim, 'slot' | 'owner'>;

export interface RunStore {
  /** `tick`: the scheduled tick and lease owner of a leased run (at most one run per source and slot). */
  startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number>;
  finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void>;
  lastRun(sourceId: string): Promise<RunRecord | null>;
  /** When the last successful run of the source finished (ISO), or null. */
  lastSuccess(sourceId: string): Promise<string | null>;
  runStats(sourceId: string): Promise<RunStats>;
}
