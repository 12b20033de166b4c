// Run leases: each scheduled tick of a source runs on exactly one worker, however many
// worker processes share the database, and runs outside the schedule (folder watch) take
// the same lease, so no two workers run one source at once. The lease row (owner, tick,
// expiry) lives in the store; this module claims it, renews it while the run lasts and
// releases it after.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { RunTick, Store } from '../store/store.js';

export type LeaseStore = Pick<Store, 'acquireLease' | 'renewLease' | 'releaseLease'>;

export interface LeaseTiming {
  /** How long a lease outlives its holder's last renewal. */
  ttlMs: number;
  /** Upper bound of the random wait before claiming (spreads runs over workers). */
  spreadMs: number;
  /** How often a tick asks again while another worker holds the lease. */
  pollMs: number;
  /** How long after its slot a tick keeps asking: it gives up before the source's next tick is due. */
  waitMs: number;
}

/**
 * Lease timing for a source scheduled every `intervalMs`: the lease expires within a
 * third of the interval after its holder died, so that the tick is run again (or the
 * next tick runs) elsewhere; never below 1 s (renewals would flood the database) nor
 * above 30 s.
 */
export function leaseTiming(intervalMs: number): LeaseTiming {
  const ttlMs = Math.min(30_000, Math.max(1000, Math.floor(intervalMs / 3)));
  return {
    ttlMs,
    spreadMs: Math.min(250, Math.floor(intervalMs / 10)),
    pollMs: Math.min(1000, Math.floor(ttlMs / 4)),
    waitMs: Math.floor(intervalMs * 0.6),
  };
}

/**
 * The cron interval and the tick just before now, from the task's next two ticks. The
 * start-up pass claims that previous tick, so that workers starting together run it
 * once, and a worker joining later does not rerun what another just ran. (node-cron has
 * no "previous run"; for irregular schedules this is an estimate, but every worker
 * computes the same one.)
 */
export function currentTick(task: { getNextRuns(count: number): Date[] }): { previous: Date; intervalMs: number } {
  const [next, after] = task.getNextRuns(2);
  if (!next || !after) return { previous: new Date(0), intervalMs: 60_000 };
  const intervalMs = after.getTime() - next.getTime();
  return { previous: new Date(next.getTime() - intervalMs), intervalMs };
}

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A lease taken outside the schedule (claimUnscheduled). */
export interface UnscheduledClaim {
  run<T>(work: (tick: RunTick) => Promise<T>): Promise<T>;
}

const sleepFor: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export class SourceLeases {
  /**
   * This worker's identity in lease rows, new for every process. A restarted worker does
   * not try to recognise its previous life's lease (same host and pid, or a pid no longer
   * running): containers reuse pids and hide each other's, so that guess could take a live
   * worker's lease. Expiry is the only death signal; runLeased re-runs the tick after it.
   */
  readonly owner: string;
  private readonly random: () => number;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  /** `random`, `sleep` and `now` (wall clock, as cron ticks are) are for tests. */
  constructor(
    private readonly store: LeaseStore,
    private readonly log: Logger,
    options: { owner?: string; random?: () => number; sleep?: Sleep; now?: () => number } = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `work` when this worker wins the source's lease for tick `slot`; resolves null
   * when another worker has (or had) that tick. Workers all wake on the same second, so
   * each first waits a random moment: the first to claim wins, and which one that is
   * varies per source and tick, which spreads the runs over the workers.
   *
   * While a live worker holds the lease, the tick asks again every `pollMs` for up to
   * `waitMs`: the holder may be a folder-watch run (the tick is not lost to it), or it may
   * die running this very tick, which then falls to this worker as soon as its lease
   * expires (a restarted worker re-runs the tick its previous life died in, after at most
   * one lease ttl, instead of waiting for the next tick).
   */
  async runLeased<T>(sourceId: string, slot: Date, timing: LeaseTiming, work: (tick: RunTick) => Promise<T>, signal?: AbortSignal): Promise<T | null> {
    if (timing.spreadMs > 0) await this.sleep(Math.floor(this.random() * timing.spreadMs), signal);
    const claim = { sourceId, owner: this.owner, slot: slot.toISOString(), ttlMs: timing.ttlMs };
    const giveUpAt = slot.getTime() + timing.waitMs;
    for (;;) {
      if (signal?.aborted) return null;
      const outcome = await this.store.acquireLease(claim);
      if (outcome === 'spent') return null;
      // A tick retaken from a dead worker already has its run row: this run is an extra one.
      if (outcome !== 'busy') return this.hold(sourceId, timing, () => work({ slot: outcome === 'taken' ? claim.slot : null, owner: this.owner }));
      if (this.now() + timing.pollMs > giveUpAt) return null;
      await this.sleep(timing.pollMs, signal);
    }
  }

  /**
   * Runs `work` outside the schedule (a folder-watch run) when no other worker is running
   * the source; resolves null when one is. Skipping loses nothing: that worker sees the
   * same folder events and runs again once free, and the schedule is the safety net.
   */
  async runUnscheduled<T>(sourceId: string, timing: LeaseTiming, work: (tick: RunTick) => Promise<T>): Promise<T | null> {
    const claim = await this.claimUnscheduled(sourceId, timing);
    return claim ? claim.run(work) : null;
  }

  /**
   * The lease outside the schedule, or null when another run holds it: for a caller that
   * must answer before the run (a run asked for by hand). Call `run` at once: it holds
   * the lease while `work` runs (renewed) and releases it after, even when `work` throws.
   */
  async claimUnscheduled(sourceId: string, timing: LeaseTiming): Promise<UnscheduledClaim | null> {
    const outcome = await this.store.acquireLease({ sourceId, owner: this.owner, slot: null, ttlMs: timing.ttlMs });
    if (outcome === 'busy' || outcome === 'spent') return null;
    return { run: (work) => this.hold(sourceId, timing, () => work({ slot: null, owner: this.owner })) };
  }

  /** Runs `work` with the lease just taken: renewed while it runs, released after. */
  private async hold<T>(sourceId: string, timing: LeaseTiming, work: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => {
      this.store.renewLease(sourceId, this.owner, timing.ttlMs).then(
        (held) => held || this.log.warn({ source: sourceId, owner: this.owner }, 'run lease lost'),
        (err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease renewal failed'),
      );
    }, Math.floor(timing.ttlMs / 3));
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await this.store
        .releaseLease(sourceId, this.owner)
        .catch((err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease release failed'));
    }
  }
}
