// Runs sources on their cron schedules: one cron plan per scheduled source (cron-plan.ts)
// asks the run gate (run-gate.ts) for a run at each slot, as do the start-up pass, the
// source's folder watcher and runs by hand. This class keeps the plans in line with the
// config and answers what the server asks about them.
import type { AppConfig } from '../config/app-config.js';
import type { SourceConfig } from '../sources/registry.js';
import { adapterFor } from '../sources/registry.js';
import { CronPlan } from './cron-plan.js';
import { cronSlots } from './cron-slots.js';
import { isScheduled, RunGate, scheduleOf, type RunGateOptions, type RunnerDeps, type StartedRun } from './run-gate.js';
import type { RunOutcome, RunProgress } from './run-source.js';

export type { RunnerDeps } from './run-gate.js';
export type SchedulerOptions = RunGateOptions;

interface Scheduled {
  plan: CronPlan;
  /** The source config the plan was made for: a changed source gets a new plan. */
  key: string;
  /** Stops the source's own watcher (file events that run it before its schedule). */
  stopWatch?: () => void;
}

export class Scheduler {
  private config: AppConfig;
  private readonly gate: RunGate;
  private readonly scheduled = new Map<string, Scheduled>();
  private state: 'idle' | 'started' | 'stopped' = 'idle';

  constructor(
    config: AppConfig,
    private readonly deps: RunnerDeps,
    options: SchedulerOptions = {},
  ) {
    this.config = config;
    this.gate = new RunGate(() => this.config, deps, options);
  }

  /** Takes a new config: added sources are scheduled (and run), removed ones unscheduled. */
  update(config: AppConfig): void {
    this.config = config;
    if (this.state === 'started') this.reconcile();
  }

  /** Runs one source now and resolves with its outcome; rejects with SOURCE_NOT_FOUND, RUN_IN_PROGRESS or SHUTTING_DOWN. */
  async runNow(sourceId: string, onProgress?: RunProgress): Promise<RunOutcome> {
    return (await this.startRun(sourceId, onProgress)).outcome;
  }

  /**
   * A run asked for by hand (admin API, CLI). It starts now unless the source is running,
   * here or, with several workers, anywhere. Resolves once the run has started, with its
   * outcome; rejects before with SOURCE_NOT_FOUND, RUN_IN_PROGRESS or SHUTTING_DOWN.
   */
  async startRun(sourceId: string, onProgress?: RunProgress): Promise<StartedRun> {
    // A run by hand is never skipped: the gate starts it or says why not.
    return (await this.gate.start(sourceId, 'manual', undefined, onProgress))!;
  }

  /** Schedules every enabled source and runs each once now (start-up pass). */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'started';
    this.reconcile();
  }

  /** For /readyz: `off` until started (a web-only process), `stopped` once shutting down. */
  status(): 'off' | 'alive' | 'stopped' {
    return this.state === 'idle' ? 'off' : this.state === 'stopped' ? 'stopped' : 'alive';
  }

  /** Whether a run of the source goes, or a scheduled tick of it (its waits included). */
  isRunning(sourceId: string): boolean {
    return this.gate.isRunning(sourceId) || Boolean(this.scheduled.get(sourceId)?.plan.ticking);
  }

  /** Resolves once no scheduled tick of the source goes (a test waits for it before moving its clock). */
  whenIdle(sourceId: string): Promise<void> {
    return this.scheduled.get(sourceId)?.plan.whenIdle() ?? Promise.resolve();
  }

  /** The next slot this source will act on: after its backoff, or null when unscheduled. */
  async nextRun(sourceId: string): Promise<Date | null> {
    const source = this.source(sourceId);
    if (!source || !isScheduled(source)) return null;
    const slots = this.scheduled.get(sourceId)?.plan.slots ?? cronSlots(scheduleOf(source, this.config));
    const now = this.deps.clock.now();
    const until = await this.gate.backoffUntil(sourceId);
    // after() is strict: from just before `until`, a slot at `until` itself counts.
    return slots.after(until && until > now ? new Date(until.getTime() - 1) : now);
  }

  /**
   * Stops scheduling, tells in-flight runs to stop between stories, and waits up to
   * `graceMs` for them. Returns the ids of runs still going after that.
   */
  async stop(graceMs = 8_000): Promise<string[]> {
    this.state = 'stopped';
    for (const { plan, stopWatch } of this.scheduled.values()) {
      stopWatch?.();
      plan.stop();
    }
    this.scheduled.clear();
    return this.gate.stop(graceMs);
  }

  private source(sourceId: string): SourceConfig | undefined {
    return this.config.sources.find((s) => s.id === sourceId);
  }

  /** Brings the plans in line with the config; new or changed sources get a run now. */
  private reconcile(): void {
    const wanted = new Map(this.config.sources.filter(isScheduled).map((s) => [s.id, s]));
    for (const [id, { plan, key, stopWatch }] of this.scheduled) {
      const source = wanted.get(id);
      if (source && this.keyOf(source) === key) continue;
      stopWatch?.();
      plan.stop();
      this.scheduled.delete(id);
    }
    for (const source of wanted.values()) {
      if (!this.scheduled.has(source.id)) this.schedule(source);
    }
  }

  private schedule(source: SourceConfig): void {
    const { id } = source;
    const log = this.deps.log.child({ source: id });
    const { clock } = this.deps;
    const tick = (reason: 'schedule' | 'startup') => async (slot: Date) => {
      const started = await this.gate.start(id, reason, slot);
      await started?.outcome;
    };
    const plan = new CronPlan(scheduleOf(source, this.config), { clock, log, onTick: tick('schedule') });
    // A run the watcher asks for answers RUN_IN_PROGRESS while one goes here: it asks again.
    const stopWatch = adapterFor(source).watch?.(source, { log }, async () => (await this.gate.start(id, 'watch'))?.outcome);
    this.scheduled.set(id, { plan, key: this.keyOf(source), stopWatch });
    plan.start();
    // Workers starting (or reloading) together all claim the slot before now: it runs once.
    void plan.fire(plan.slots.current(clock.now()).previous, tick('startup'));
  }

  private keyOf(source: SourceConfig): string {
    return JSON.stringify([source, this.config.global.defaults.schedule]);
  }
}
