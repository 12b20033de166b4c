// The retention job: on its cron schedule (global.retention.schedule, on the injected
// clock), deletes what retention lets go, source by source, in batches of batchSize rows.
// SQLite has a single writer: each batch is one short write, and the job gives the event
// loop (runs storing stories, feeds being served) a turn between batches, so nobody waits
// for more than one batch. Then free pages go back to the file system in small steps.
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../log.js';
import type { RetentionStore } from '../store/store.js';
import { CronPlan } from './cron-plan.js';
import { retentionPolicies } from './retention-policy.js';

/** What one pass deleted and gave back. */
export interface PruneTotals {
  stories: number;
  storyVersions: number;
  runs: number;
  validators: number;
  healthEvents: number;
  reclaimedBytes: number;
}

export interface PruneJobDeps {
  store: RetentionStore;
  clock: Clock;
  log: Logger;
  /** The current config (hot reloads change the days and floors of the next pass). */
  config: () => AppConfig;
  /** Told after every pass (metrics). */
  onPruned?: (totals: PruneTotals) => void;
}

/** Free pages given back per step: 4 MiB is a few milliseconds of writing. */
const RECLAIM_STEP_BYTES = 4 * 1024 * 1024;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class PruneJob {
  private plan: CronPlan | null = null;
  private readonly stopped = new AbortController();
  private going: Promise<PruneTotals> | null = null;

  constructor(private readonly deps: PruneJobDeps) {}

  /** Wakes on the configured schedule until stop(); the schedule is read once, here. */
  start(): void {
    if (this.plan || this.stopped.signal.aborted) return;
    const { clock, log } = this.deps;
    this.plan = new CronPlan(this.deps.config().global.retention.schedule, { clock, log: log.child({ component: 'retention' }), onTick: () => this.runOnce() });
    this.plan.start();
  }

  /** Stops waking and ends a pass going now after its current batch. */
  async stop(): Promise<void> {
    this.stopped.abort();
    this.plan?.stop();
    await this.going?.catch(() => {});
  }

  /** One pass over every source (a pass already going is joined, not doubled). */
  runOnce(): Promise<PruneTotals> {
    this.going ??= this.pass().finally(() => (this.going = null));
    return this.going;
  }

  private async pass(): Promise<PruneTotals> {
    const { store, clock, log } = this.deps;
    const config = this.deps.config();
    const { batchSize } = config.global.retention;
    const started = Date.now();
    const totals: PruneTotals = { stories: 0, storyVersions: 0, runs: 0, validators: 0, healthEvents: 0, reclaimedBytes: 0 };
    const { signal } = this.stopped;
    /** Batches until one comes back short: that source has nothing more to let go. */
    const drain = async (prune: () => Promise<number>): Promise<number> => {
      let deleted = 0;
      while (!signal.aborted) {
        const n = await prune();
        deleted += n;
        await turn();
        if (n < batchSize) break;
      }
      return deleted;
    };
    try {
      for (const p of retentionPolicies(config, await store.storedSourceIds(), clock.now())) {
        if (signal.aborted) break;
        totals.stories += await drain(() => store.pruneStories({ sourceId: p.sourceId, before: p.storiesBefore, keepNewest: p.keepNewest, limit: batchSize }));
        totals.storyVersions += await drain(() => store.pruneStoryVersions({ sourceId: p.sourceId, before: p.storiesBefore, limit: batchSize }));
        totals.validators += await drain(() => store.pruneValidators({ sourceId: p.sourceId, before: p.storiesBefore, limit: batchSize }));
        totals.runs += await drain(() => store.pruneRuns({ sourceId: p.sourceId, before: p.runsBefore, limit: batchSize }));
        totals.healthEvents += await drain(() => store.pruneHealthEvents({ sourceId: p.sourceId, before: p.runsBefore, limit: batchSize }));
      }
      while (!signal.aborted) {
        const freed = await store.reclaimSpace(RECLAIM_STEP_BYTES);
        totals.reclaimedBytes += freed;
        await turn();
        if (freed === 0) break;
      }
    } catch (err) {
      // A failed pass is retried by the next one; what it deleted so far stays deleted.
      log.error({ err, ...totals }, 'retention pass failed');
    }
    const ms = Date.now() - started;
    if (totals.stories + totals.storyVersions + totals.runs + totals.validators + totals.healthEvents + totals.reclaimedBytes > 0) log.info({ ...totals, ms }, 'retention pruned');
    else log.debug({ ms }, 'retention: nothing to prune');
    this.deps.onPruned?.(totals);
    return totals;
  }
}
