// Run leases: each scheduled tick of a source runs on exactly one worker, however many
// worker processes share the database. The lease row (owner, tick, expiry) lives in the
// store; this module claims it, renews it while the run lasts and releases it after.
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
}

/**
 * Lease timing for a source scheduled every `intervalMs`: the lease expires within a
 * third of the interval after its holder died, so that the next tick runs elsewhere;
 * never below 1 s (renewals would flood the database) nor above 30 s.
 */
export function leaseTiming(intervalMs: number): LeaseTiming {
  const ttlMs = Math.min(30_000, Math.max(1000, Math.floor(intervalMs / 3)));
  return { ttlMs, spreadMs: Math.min(250, Math.floor(intervalMs / 10)) };
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

export class SourceLeases {
  /** This worker's identity in lease rows. */
  readonly owner: string;
  private readonly random: () => number;

  constructor(
    private readonly store: LeaseStore,
    private readonly log: Logger,
    options: { owner?: string; random?: () => number } = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.random = options.random ?? Math.random;
  }

  /**
   * Runs `work` when this worker wins the source's lease for tick `slot`; resolves null
   * when another worker has (or had) that tick. Workers all wake on the same second, so
   * each first waits a random moment: the first to claim wins, and which one that is
   * varies per source and tick, which spreads the runs over the workers.
   */
  async runLeased<T>(sourceId: string, slot: Date, timing: LeaseTiming, work: (tick: RunTick) => Promise<T>): Promise<T | null> {
    if (timing.spreadMs > 0) await new Promise((r) => setTimeout(r, Math.floor(this.random() * timing.spreadMs)));
    const tick = { slot: slot.toISOString(), owner: this.owner };
    const won = await this.store.acquireLease({ sourceId, ...tick, ttlMs: timing.ttlMs });
    if (!won) return null;
    const renewal = setInterval(() => {
      this.store.renewLease(sourceId, this.owner, timing.ttlMs).then(
        (held) => held || this.log.warn({ source: sourceId, owner: this.owner }, 'run lease lost'),
        (err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease renewal failed'),
      );
    }, Math.floor(timing.ttlMs / 3));
    try {
      return await work(tick);
    } finally {
      clearInterval(renewal);
      await this.store
        .releaseLease(sourceId, this.owner)
        .catch((err: unknown) => this.log.warn({ err, source: sourceId }, 'run lease release failed'));
    }
  }
}
