// Runs sources on their node-cron schedules. A scheduled tick passes these gates in
// order: nothing of this source already running or waiting here, not backing off after
// failures, a jitter wait, then (with several workers) the tick's lease, then the run.
import type { ScheduledTask } from 'node-cron';
import { AppError } from '../errors.js';
import type { AppConfig, SourceConfig } from '../config/schema.js';
import { adapterFor } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import { backoffUntil, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff-delay.js';
import { sourceCronTask } from './cron-task.js';
import { jitterDelay, MAX_JITTER_MS } from './jitter-delay.js';
import { runSource, type RunOutcome, type RunProgress } from './run-source.js';
import { currentTick, leaseTiming, type SourceLeases } from './source-leases.js';
import type { RunTick } from '../store/store.js';

/** With `leases`, each tick of a source runs on one worker across all processes. */
export type RunnerDeps = Omit<SourceDeps, 'global' | 'signal'> & { leases?: SourceLeases };

export interface SchedulerOptions {
  backoff?: BackoffPolicy;
  maxJitterMs?: number;
  /** [0, 1) like Math.random; tests fix it. */
  random?: () => number;
  /** Told about every finished run (metrics). */
  onRunFinished?: (outcome: RunOutcome) => void;
}

interface Plan {
  task: ScheduledTask;
  /** The source config the task was made for: a changed source gets a new task. */
  key: string;
  intervalMs: number;
  /** Stops the source's own watcher (file events that run it before its schedule). */
  stopWatch?: () => void;
}

export class Scheduler {
  private config: AppConfig;
  private readonly plans = new Map<string, Plan>();
  /** Runs in progress, by source (scheduled, manual or file events): never two at once. */
  private readonly busy = new Map<string, Promise<unknown>>();
  /** Sources with a scheduled tick between its start and the end of its run (jitter wait included). */
  private readonly ticking = new Set<string>();
  private readonly waits = new Set<() => void>();
  private readonly abort = new AbortController();
  private state: 'idle' | 'started' | 'stopped' = 'idle';

  constructor(
    config: AppConfig,
    private readonly deps: RunnerDeps,
    private readonly options: SchedulerOptions = {},
  ) {
    this.config = config;
  }

  /** Takes a new config: added sources are scheduled (and run), removed ones unscheduled. */
  update(config: AppConfig): void {
    this.config = config;
    if (this.state === 'started') this.reconcile();
  }

  /** Runs one source now, unless it is already running; rejects with SOURCE_NOT_FOUND or RUN_IN_PROGRESS. */
  async runNow(sourceId: string, onProgress?: RunProgress): Promise<RunOutcome> {
    return (await this.startRun(sourceId, onProgress)).outcome;
  }

  /**
   * A run asked for by hand (admin API, CLI). It starts now unless the source is running,
   * here or, with several workers, anywhere: it takes the source's lease outside the
   * schedule, as a folder-watch run does. Resolves once the run has started, with its
   * outcome; rejects before with SOURCE_NOT_FOUND, RUN_IN_PROGRESS or SHUTTING_DOWN.
   */
  async startRun(sourceId: string, onProgress?: RunProgress): Promise<{ outcome: Promise<RunOutcome> }> {
    const started = await this.startUnscheduled(sourceId, onProgress);
    if (!started) throw new AppError('RUN_IN_PROGRESS', `source "${sourceId}" is running on another worker`);
    return started;
  }

  /**
   * Starts a run outside the schedule (by hand, or for the folder watcher); with several
   * workers only with the source's lease: null when another worker holds it. Throws
   * SOURCE_NOT_FOUND, RUN_IN_PROGRESS (running here) or SHUTTING_DOWN before starting.
   */
  private async startUnscheduled(sourceId: string, onProgress?: RunProgress): Promise<{ outcome: Promise<RunOutcome> } | null> {
    const { leases } = this.deps;
    if (!leases) return { outcome: this.trigger(sourceId, onProgress) };
    const source = this.runnable(sourceId);
    const claim = await leases.claimUnscheduled(sourceId, leaseTiming(this.intervalOf(source)));
    if (!claim) return null;
    let started = false;
    const outcome = claim.run((tick) => {
      const run = this.trigger(sourceId, onProgress, tick);
      started = true;
      return run;
    });
    // `run` calls back at once: not started means trigger threw (the lease is already released).
    if (!started) await outcome;
    return { outcome };
  }

  /**
   * Starts a run and returns its outcome promise. Throws synchronously when the source
   * is unknown or busy, so the API can answer 404/409 before the run starts.
   */
  trigger(sourceId: string, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
    const source = this.runnable(sourceId);
    return this.hold(sourceId, this.execute(source, onProgress, tick));
  }

  /** The source, when it may run here now; else the error a caller answers with. */
  private runnable(sourceId: string): SourceConfig {
    const source = this.source(sourceId);
    if (!source) throw new AppError('SOURCE_NOT_FOUND', `no source "${sourceId}"`);
    if (this.busy.has(sourceId)) throw new AppError('RUN_IN_PROGRESS', `source "${sourceId}" is already running`);
    if (this.state === 'stopped') throw new AppError('SHUTTING_DOWN', 'shutting down');
    return source;
  }

  /** The source's cron interval: its plan's, or (not scheduled here, a web process) read off a task never started. */
  private intervalOf(source: SourceConfig): number {
    const plan = this.plans.get(source.id);
    if (plan) return plan.intervalMs;
    const task = this.makeTask(source);
    try {
      return currentTick(task).intervalMs;
    } finally {
      void task.destroy();
    }
  }

  /** Schedules every enabled source and runs each once now (start-up pass). */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'started';
    this.reconcile();
  }

  /** For /readyz: `off` until started (a web-only process), `stopped` once shutting down. */
  status(): 'off' | 'alive' | 'stopped' {
    if (this.state === 'idle') return 'off';
    if (this.state === 'stopped') return 'stopped';
    return [...this.plans.values()].every((p) => p.task.getStatus() !== 'destroyed') ? 'alive' : 'stopped';
  }

  isRunning(sourceId: string): boolean {
    return this.busy.has(sourceId) || this.ticking.has(sourceId);
  }

  /** The next tick this source will act on: after its backoff, or null when unscheduled. */
  async nextRun(sourceId: string): Promise<Date | null> {
    const source = this.source(sourceId);
    if (!source || !this.isScheduled(source)) return null;
    const task = this.plans.get(sourceId)?.task ?? this.makeTask(source);
    try {
      const until = await this.backoffUntil(sourceId);
      const runs = task.getNextRuns(until ? 500 : 1);
      return runs.find((d) => !until || d >= until) ?? runs.at(-1) ?? null;
    } finally {
      if (!this.plans.has(sourceId)) await task.destroy();
    }
  }

  /**
   * Stops scheduling, tells in-flight runs to stop between stories, and waits up to
   * `graceMs` for them. Returns the ids of runs still going after that.
   */
  async stop(graceMs = 8_000): Promise<string[]> {
    this.state = 'stopped';
    for (const plan of this.plans.values()) {
      plan.stopWatch?.();
      await plan.task.destroy();
    }
    this.plans.clear();
    for (const wake of this.waits) wake();
    this.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled(this.busy.values()), timeout]);
    clearTimeout(timer);
    return [...this.busy.keys()];
  }

  private source(sourceId: string): SourceConfig | undefined {
    return this.config.sources.find((s) => s.id === sourceId);
  }

  private isScheduled(source: SourceConfig): boolean {
    return source.enabled && Boolean(adapterFor(source)?.scheduled);
  }

  private makeTask(source: SourceConfig): ScheduledTask {
    const expression = source.schedule ?? this.config.global.defaults.schedule;
    return sourceCronTask(expression, source.id, this.deps.log.child({ source: source.id }), (at) => this.tick(source.id, at));
  }

  /** Brings the tasks in line with the config; new or changed sources get a run now. */
  private reconcile(): void {
    const wanted = new Map(this.config.sources.filter((s) => this.isScheduled(s)).map((s) => [s.id, s]));
    for (const [id, plan] of this.plans) {
      if (wanted.get(id) && this.keyOf(wanted.get(id)!) === plan.key) continue;
      plan.stopWatch?.();
      void plan.task.destroy();
      this.plans.delete(id);
    }
    for (const source of wanted.values()) {
      if (this.plans.has(source.id)) continue;
      const task = this.makeTask(source);
      const { previous, intervalMs } = currentTick(task);
      const log = this.deps.log.child({ source: source.id });
      const stopWatch = adapterFor(source)?.watch?.(source as never, { log }, () => this.watchedRun(source.id));
      this.plans.set(source.id, { task, key: this.keyOf(source), intervalMs, stopWatch });
      void task.start();
      // Workers starting (or reloading) together all claim the previous tick: it runs once.
      // No jitter here: an operator waits for these first results, and the fetch
      // client's per-host gate already keeps a restart from stampeding any one host.
      void this.tick(source.id, previous, 0);
    }
  }

  private keyOf(source: SourceConfig): string {
    return JSON.stringify([source, this.config.global.defaults.schedule]);
  }

  private async tick(sourceId: string, at: Date, maxJitterMs = this.options.maxJitterMs ?? MAX_JITTER_MS): Promise<void> {
    const plan = this.plans.get(sourceId);
    // One tick of a source at a time: a tick that comes while the last one still runs is skipped.
    if (this.state !== 'started' || !plan || this.ticking.has(sourceId)) return;
    this.ticking.add(sourceId);
    const log = this.deps.log.child({ source: sourceId });
    try {
      const until = await this.backoffUntil(sourceId);
      if (until && until > this.deps.clock.now()) {
        log.debug({ until }, 'run skipped: backing off');
        return;
      }
      await this.sleep(jitterDelay(this.options.random ?? Math.random, plan.intervalMs, maxJitterMs));
      const { leases } = this.deps;
      if (leases) await leases.runLeased(sourceId, at, leaseTiming(plan.intervalMs), (tick) => this.runWhenFree(sourceId, tick), this.abort.signal);
      else await this.runWhenFree(sourceId);
    } catch (err) {
      log.error({ err }, 'scheduled run failed');
    } finally {
      this.ticking.delete(sourceId);
    }
  }

  /**
   * A run started by file events or by hand may be going: the tick waits for it instead
   * of being lost to it (new input may have arrived after that run listed it).
   */
  private async runWhenFree(sourceId: string, tick?: RunTick): Promise<RunOutcome | null> {
    for (let running = this.busy.get(sourceId); running; running = this.busy.get(sourceId)) await running;
    const source = this.source(sourceId);
    if (this.state !== 'started' || !source || !this.plans.has(sourceId)) return null;
    return this.hold(sourceId, this.execute(source, undefined, tick));
  }

  /**
   * A run asked for by the source's own watcher (new input may be waiting): like a tick
   * it waits out a failure backoff and, with several workers, takes the source's lease:
   * the worker that gets it runs, the others skip (the holder saw the same event). A run
   * going here answers RUN_IN_PROGRESS, which tells the watcher to ask again.
   */
  private async watchedRun(sourceId: string): Promise<RunOutcome | null> {
    const until = await this.backoffUntil(sourceId);
    if (until && until > this.deps.clock.now()) return null;
    const started = await this.startUnscheduled(sourceId);
    return started ? started.outcome : null;
  }

  /** `tick`: the lease a run holds (slot set for a scheduled tick), recorded on its run row. */
  private async execute(source: SourceConfig, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
    const deps = { ...this.deps, global: this.config.global, signal: this.abort.signal };
    const outcome = await runSource(source, deps, onProgress, tick);
    this.options.onRunFinished?.(outcome);
    return outcome;
  }

  /** Marks the source busy until `work` settles. */
  private hold<T>(sourceId: string, work: Promise<T>): Promise<T> {
    const settled = work.finally(() => this.busy.delete(sourceId));
    this.busy.set(sourceId, settled.catch(() => {}));
    return settled;
  }

  private async backoffUntil(sourceId: string): Promise<Date | null> {
    const { consecutiveFailures } = await this.deps.store.runStats(sourceId);
    if (consecutiveFailures === 0) return null;
    const last = await this.deps.store.lastRun(sourceId);
    const finished = last?.finishedAt ? new Date(last.finishedAt) : null;
    return backoffUntil(consecutiveFailures, finished, this.options.backoff ?? DEFAULT_BACKOFF);
  }

  /** A wait that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }
}
