// The leases role of the Store: one run lease per source, shared by every worker process.
// Expiry is the store's injected clock's time, so that tests can move it.

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

export interface LeaseStore {
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

/** The error of a run whose holder's lease was taken over (both backends write it). */
export const ABANDONED = 'abandoned: the worker running it lost its lease (stopped or died)';
