// The run gate: every run of a source starts here, whoever asks (its cron plan, the
// start-up pass, an operator, its folder watcher), and passes the same gates in order:
// the source exists and the process is not stopping; not backing off after failures
// (scheduled and watched runs); a jitter wait (scheduled ticks); the source's lease, with
// several workers; nothing of this source running here. Stop cuts every wait short.
import { sleepOn } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { SourceConfig } from '../sources/registry.js';
import { AppError } from '../errors.js';
import { adapterFor } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import type { RunTick } from '../store/store.js';
import { backoffUntil, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff-delay.js';
import { cronSlots } from './cron-slots.js';
import { jitterDelay, MAX_JITTER_MS } from './jitter-delay.js';
import { runSource, type RunOutcome, type RunProgress } from './run-source.js';
import { leaseTiming, type LeaseClaim, type SourceLeases } from './source-leases.js';

/**
 * Why a run starts. `schedule`: a cron slot (after a jitter wait); `startup`: the slot
 * before now, when a source is first scheduled (no jitter: an operator waits for these
 * first results); `manual`: by hand (admin API, CLI); `watch`: the source's own watcher.
 */
export type RunReason = 'schedule' | 'startup' | 'manual' | 'watch';

/** With `leases`, each tick of a source runs on one worker across all processes. */
export type RunnerDeps = Omit<SourceDeps, 'global' | 'signal'> & { leases?: SourceLeases };

export interface RunGateOptions {
  backoff?: BackoffPolicy;
  maxJitterMs?: number;
  /** [0, 1) like Math.random; tests fix it. */
  random?: () => number;
  /** Told about every finished run (metrics). */
  onRunFinished?: (outcome: RunOutcome) => void;
}

export interface StartedRun {
  outcome: Promise<RunOutcome>;
}

/** The cron expression a source runs on. */
export function scheduleOf(source: SourceConfig, config: AppConfig): string {
  return source.schedule ?? config.global.defaults.schedule;
}

/** Whether a source runs on a schedule (enabled, and of a type that collects). */
export function isScheduled(source: SourceConfig): boolean {
  return source.enabled && adapterFor(source).scheduled;
}

/** What a run holds while it goes: a lease with several workers, nothing with one. */
type Claim = Pick<LeaseClaim, 'release'> & { run<T>(work: (tick?: RunTick) => Promise<T>): Promise<T> };
const localClaim: Claim = { run: (work) => work(), release: async () => {} };

export class RunGate {
  /** Runs in progress by source, whatever started them: never two runs of one source here. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly config: () => AppConfig,
    private readonly deps: RunnerDeps,
    private readonly options: RunGateOptions = {},
  ) {}

  /**
   * Starts a run of `sourceId` for `reason`; `tick` is the cron slot of a scheduled one.
   * Resolves once the run has started, with its outcome, or with null when it is not to
   * run: backing off, another worker has the lease (or the tick), a scheduled source no
   * longer scheduled, or the gate stopped while a tick waited. Rejects before starting
   * with SOURCE_NOT_FOUND, SHUTTING_DOWN or RUN_IN_PROGRESS (running here; by hand, also
   * on another worker).
   */
  async start(sourceId: string, reason: RunReason, tick?: Date, onProgress?: RunProgress): Promise<StartedRun | null> {
    const scheduled = reason === 'schedule' || reason === 'startup';
    const source = this.runnable(sourceId, reason);
    if (!source || (reason !== 'manual' && (await this.backingOff(sourceId)))) return null;
    const { clock, leases } = this.deps;
    const intervalMs = cronSlots(scheduleOf(source, this.config())).current(clock.now()).intervalMs;
    if (reason === 'schedule') {
      await sleepOn(clock, jitterDelay(this.options.random ?? Math.random, intervalMs, this.options.maxJitterMs ?? MAX_JITTER_MS), this.abort.signal);
    }
    const claim: Claim | null = leases ? await leases.claim(sourceId, scheduled ? (tick ?? clock.now()) : null, leaseTiming(intervalMs), this.abort.signal) : localClaim;
    if (!claim) {
      if (reason === 'manual') throw new AppError('RUN_IN_PROGRESS', `source "${sourceId}" is running on another worker`);
      return null;
    }
    // A tick waits for a run started by hand or by file events instead of being lost to
    // it: new input may have arrived after that run listed it.
    if (scheduled) for (let running = this.busy.get(sourceId); running; running = this.busy.get(sourceId)) await running;
    // From this check to the run's start nothing waits: no other run can slip in between.
    let current: SourceConfig | null;
    try {
      current = this.runnable(sourceId, reason);
    } catch (err) {
      await claim.release();
      throw err;
    }
    if (!current) {
      await claim.release();
      return null;
    }
    const run = current;
    const outcome = claim.run((leased) => this.execute(run, leased, onProgress)).finally(() => this.busy.delete(sourceId));
    this.busy.set(sourceId, outcome.catch(() => {}));
    return { outcome };
  }

  isRunning(sourceId: string): boolean {
    return this.busy.has(sourceId);
  }

  /** The earliest time a failing source may run again on its own, or null when it is not backing off. */
  async backoffUntil(sourceId: string): Promise<Date | null> {
    // A source paused after too many failing runs (run-health.ts) waits for the later of the two.
    const pausedUntil = (await this.deps.store.sourceHealth(sourceId))?.pausedUntil;
    const paused = pausedUntil ? new Date(pausedUntil) : null;
    const { consecutiveFailures } = await this.deps.store.runStats(sourceId);
    if (consecutiveFailures === 0) return paused;
    const last = await this.deps.store.lastRun(sourceId);
    const finished = last?.finishedAt ? new Date(last.finishedAt) : null;
    const until = backoffUntil(consecutiveFailures, finished, this.options.backoff ?? DEFAULT_BACKOFF);
    return until && paused ? (until > paused ? until : paused) : (until ?? paused);
  }

  /**
   * Refuses new runs, cuts every wait short (jitter, lease polling), tells the runs going
   * to stop between stories, and waits up to `graceMs` (on the clock) for them. Returns
   * the ids of runs still going after that.
   */
  async stop(graceMs: number): Promise<string[]> {
    this.abort.abort();
    const grace = new AbortController();
    await Promise.race([Promise.allSettled(this.busy.values()), sleepOn(this.deps.clock, graceMs, grace.signal)]);
    grace.abort();
    return [...this.busy.keys()];
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * The source, when a run for `reason` may start now. Otherwise null for a scheduled or
   * watched run that is simply not due (gone, unscheduled, stopping), or the error
   * a caller answers with.
   */
  private runnable(sourceId: string, reason: RunReason): SourceConfig | null {
    const source = this.source(sourceId);
    const scheduled = reason === 'schedule' || reason === 'startup';
    if (scheduled && (!source || !isScheduled(source) || this.stopped)) return null;
    if (!source) throw new AppError('SOURCE_NOT_FOUND', `no source "${sourceId}"`);
    if (this.stopped) throw new AppError('SHUTTING_DOWN', 'shutting down');
    if (!scheduled && this.busy.has(sourceId)) throw new AppError('RUN_IN_PROGRESS', `source "${sourceId}" is already running`);
    return source;
  }

  private source(sourceId: string): SourceConfig | undefined {
    return this.config().sources.find((s) => s.id === sourceId);
  }

  private async backingOff(sourceId: string): Promise<boolean> {
    const until = await this.backoffUntil(sourceId);
    if (!until || until <= this.deps.clock.now()) return false;
    this.deps.log.child({ source: sourceId }).debug({ until }, 'run skipped: backing off');
    return true;
  }

  /** `tick`: the lease the run holds (slot set for a scheduled tick), recorded on its run row. */
  private async execute(source: SourceConfig, tick?: RunTick, onProgress?: RunProgress): Promise<RunOutcome> {
    const deps = { ...this.deps, global: this.config().global, signal: this.abort.signal };
    const outcome = await runSource(source, deps, onProgress, tick);
    this.options.onRunFinished?.(outcome);
    return outcome;
  }
}
