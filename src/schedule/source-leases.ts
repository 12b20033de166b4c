// Run leases: each scheduled tick of a source runs on exactly one worker, however many
// worker processes share the database, and runs outside the schedule (folder watch) take
// the same lease, so no two workers run one source at once. The lease row (owner, tick,
// expiry) lives in the store; this module claims it, renews it while the run lasts and
// releases it after.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sleepOn, systemClock, type Clock } from '../clock.js';
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

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A lease this worker holds for a run. Call `run` at once: it keeps the lease while `work`
 * runs (renewed) and releases it after, even when `work` throws; or `release` it unused.
 */
export interface LeaseClaim {
  /** What the run records: the tick's slot when this worker took that tick, else null (an extra run). */
  readonly tick: RunTick;
  run<T>(work: (tick: RunTick) => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

export class SourceLeases {
  /**
   * This worker's identity in lease rows, new for every process. A restarted worker does
   * not try to recognise its previous life's lease (same host and pid, or a pid no longer
   * running): containers reuse pids and hide each other's, so that guess could take a live
   * worker's lease. Expiry is the only death signal; a tick is re-run after it.
   */
  readonly owner: string;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  /** Waits and slots run on `clock` (the cron plans' clock); `random`, `sleep` and `now` are for tests. */
  constructor(
    private readonly store: LeaseStore,
    private readonly log: Logger,
    options: { owner?: string; clock?: Clock; random?: () => number; sleep?: Sleep; now?: () => number } = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.random = options.random ?? Math.random;
    const clock = (this.clock = options.clock ?? systemClock);
    this.sleep = options.sleep ?? ((ms, signal) => sleepOn(clock, ms, signal));
    this.now = options.now ?? (() => clock.now().getTime());
  }

  /**
   * The source's lease for a run: for tick `slot` of its schedule, or (slot null) outside
   * it. Null when another worker has it.
   *
   * A tick: workers all wake on the same second, so each first waits a random moment: the
   * first to claim wins, and which one that is varies per source and tick, which spreads
   * the runs over the workers. While a live worker holds the lease, the tick asks again
   * every `pollMs` for up to `waitMs`: the holder may be a run outside the schedule (the
   * tick is not lost to it), or it may die running this very tick, which then falls to
   * this worker as soon as its lease expires (a restarted worker re-runs the tick its
   * previous life died in, after at most one lease ttl, instead of waiting for the next
   * tick). Null as well once the tick was run (or `signal` aborts).
   *
   * Outside the schedule (by hand, folder events) there is no waiting: skipping loses
   * nothing, as the holder sees the same folder events and the schedule is the safety net.
   */
  async claim(sourceId: string, slot: Date | null, timing: LeaseTiming, signal?: AbortSignal): Promise<LeaseClaim | null> {
    if (!slot) {
      const outcome = await this.store.acquireLease({ sourceId, owner: this.owner, slot: null, ttlMs: timing.ttlMs });
      return outcome === 'busy' || outcome === 'spent' ? null : this.held(sourceId, timing, { slot: null, owner: this.owner });
    }
    if (timing.spreadMs > 0) await this.sleep(Math.floor(this.random() * timing.spreadMs), signal);
    const claim = { sourceId, owner: this.owner, slot: slot.toISOString(), ttlMs: timing.ttlMs };
    const giveUpAt = slot.getTime() + timing.waitMs;
    for (;;) {
      if (signal?.aborted) return null;
      const outcome = await this.store.acquireLease(claim);
      if (outcome === 'spent') return null;
      // A tick retaken from a dead worker already has its run row: this run is an extra one.
      if (outcome !== 'busy') return this.held(sourceId, timing, { slot: outcome === 'taken' ? claim.slot : null, owner: this.owner });
      if (this.now() + timing.pollMs > giveUpAt) return null;
      await this.sleep(timing.pollMs, signal);
    }
  }

  /** Runs `work` for tick `slot` when this worker wins the source's lease (see claim); null when another worker has (or had) that tick. */
  async runLeased<T>(sourceId: string, slot: Date, timing: LeaseTiming, work: (tick: RunTick) => Promise<T>, signal?: AbortSignal): Promise<T | null> {
    const claim = await this.claim(sourceId, slot, timing, signal);
    return claim ? claim.run(work) : null;
  }

  /** Runs `work` outside the schedule when no other worker runs the source; null when one does. */
  async runUnscheduled<T>(sourceId: string, timing: LeaseTiming, work: (tick: RunTick) => Promise<T>): Promise<T | null> {
    const claim = await this.claim(sourceId, null, timing);
    return claim ? claim.run(work) : null;
  }

  /** The lease just taken: renewed while its run lasts, released after. */
  private held(sourceId: string, timing: LeaseTiming, tick: RunTick): LeaseClaim {
    const release = () =>
      this.store.releaseLease(sourceId, this.owner).then(
        () => {},
        (err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease release failed'),
      );
    return {
      tick,
      release,
      run: async (work) => {
        const done = new AbortController();
        void this.renew(sourceId, timing, done.signal);
        try {
          return await work(tick);
        } finally {
          done.abort();
          await release();
        }
      },
    };
  }

  /** Renews the lease every third of its ttl until `done`. */
  private async renew(sourceId: string, timing: LeaseTiming, done: AbortSignal): Promise<void> {
    for (;;) {
      await sleepOn(this.clock, Math.floor(timing.ttlMs / 3), done);
      if (done.aborted) return;
      this.store.renewLease(sourceId, this.owner, timing.ttlMs).then(
        (held) => held || this.log.warn({ source: sourceId, owner: this.owner }, 'run lease lost'),
        (err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease renewal failed'),
      );
    }
  }
}
