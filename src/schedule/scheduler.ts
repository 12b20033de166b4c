// Runs sources on their node-cron schedules; never two overlapping runs of one source.
import { createTask, type ScheduledTask } from 'node-cron';
import { AppError } from '../errors.js';
import type { AppConfig, SourceConfig } from '../config/schema.js';
import { adapterFor } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import { runSource, type RunOutcome, type RunProgress } from './run-source.js';
import type { RunTick } from '../store/store.js';
import { currentTick, leaseTiming, type SourceLeases } from './source-leases.js';

/** With `leases`, each tick of a source runs on one worker across all processes. */
export type RunnerDeps = Omit<SourceDeps, 'global' | 'signal'> & { leases?: SourceLeases };

export interface SchedulerHooks {
  /** After every run, scheduled or not (feed status, WebSub pings); must not throw. */
  onRunFinished?: (outcome: RunOutcome) => void;
}

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private readonly abort = new AbortController();
  /** Stop functions of source watchers (file events that run a source before its schedule). */
  private readonly watchers: (() => void)[] = [];
  /** Runs started by file events, by source: a scheduled tick waits for one instead of being lost to it. */
  private readonly eventRuns = new Map<string, Promise<unknown>>();

  constructor(
    private readonly config: AppConfig,
    private readonly deps: RunnerDeps,
    private readonly hooks: SchedulerHooks = {},
  ) {}

  /** Runs one source now, unless it is already running. */
  /** `tick`: set for a leased scheduled run, recorded on its run row. */
  async runNow(sourceId: string, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
    const source = this.config.sources.find((s) => s.id === sourceId);
    if (!source) throw new AppError('SOURCE_NOT_FOUND', `no source "${sourceId}"`);
    if (this.running.has(sourceId)) throw new AppError('RUN_IN_PROGRESS', `source "${sourceId}" is already running`);
    const run = runSource(source, { ...this.deps, global: this.config.global, signal: this.abort.signal }, onProgress, tick);
    this.running.set(sourceId, run);
    try {
      const outcome = await run;
      this.hooks.onRunFinished?.(outcome);
      return outcome;
    } finally {
      this.running.delete(sourceId);
    }
  }

  /** Schedules every enabled source and runs each once now (start-up pass). */
  start(): void {
    for (const source of this.scheduledSources()) {
      const task = createTask(source.schedule ?? this.config.global.defaults.schedule, (ctx) => this.tick(source, ctx.date), {
        name: source.id,
        noOverlap: true,
      });
      this.tasks.set(source.id, task);
      void task.start();
      const stop = adapterFor(source)?.watch?.(source as never, { log: this.deps.log.child({ source: source.id }) }, () => this.runForEvent(source.id));
      if (stop) this.watchers.push(stop);
      this.tick(source, currentTick(task).previous);
    }
  }

  nextRun(sourceId: string): Date | null {
    return this.tasks.get(sourceId)?.getNextRun() ?? null;
  }

  /** Stops scheduling and waits for in-flight runs to end. */
  async stop(): Promise<void> {
    for (const stop of this.watchers.splice(0)) stop();
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    this.abort.abort();
    await Promise.allSettled(this.running.values());
  }

  private scheduledSources(): SourceConfig[] {
    return this.config.sources.filter((s) => s.enabled && adapterFor(s)?.scheduled);
  }

  /** An unleased extra run (file events): each worker may run it; ticks still run once each. */
  private runForEvent(sourceId: string): Promise<RunOutcome> {
    const run = this.runNow(sourceId);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.eventRuns.set(sourceId, settled);
    void settled.then(() => this.eventRuns.get(sourceId) === settled && this.eventRuns.delete(sourceId));
    return run;
  }

  private tick(source: SourceConfig, slot: Date): void {
    if (this.running.has(source.id) && !this.eventRuns.has(source.id)) return;
    const { leases } = this.deps;
    const task = this.tasks.get(source.id);
    const run = async (tick?: RunTick) => {
      for (let busy = this.eventRuns.get(source.id); busy; busy = this.eventRuns.get(source.id)) await busy;
      return this.runNow(source.id, undefined, tick);
    };
    const leased = leases && task ? leases.runLeased(source.id, slot, leaseTiming(currentTick(task).intervalMs), run) : run();
    leased.catch((err: unknown) => this.deps.log.error({ err, source: source.id }, 'scheduled run failed'));
  }
}
