// The cron plan of one source: wakes at each slot of its cron expression on the injected
// clock and asks for a tick. Two choices differ from node-cron's own runner:
// - A tick that fires late (a busy event loop, a slow start) still runs, unless the next
//   slot is due too (then that one runs): node-cron drops every tick more than a second
//   late, which costs a whole interval (30 minutes on a 15-minute schedule).
// - Time is the clock's, not the wall's, so a test moves it instead of waiting for it.
// One tick at a time: a slot that comes while the last tick still goes is skipped.
import { sleepOn, type Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { cronSlots, type CronSlots } from './cron-slots.js';

/** How late a tick may still run; it never runs at or past the next slot. */
export const LATE_TICK_TOLERANCE_MS = 5 * 60_000;

export interface TickPlan {
  /** The slot to run now, if any. */
  run: Date | null;
  /** The first slot given up (too late, or overtaken by the next), if any. */
  missed: Date | null;
  /** The slot to wake for next; null when the expression has none left. */
  next: Date | null;
}

/**
 * What to do at `now` when the plan expected slot `expected`: wait, run it (late within
 * `toleranceMs` and before the next slot), or give it up for a later one.
 */
export function planTick(expected: Date, now: Date, toleranceMs: number, after: (at: Date) => Date | null): TickPlan {
  let missed: Date | null = null;
  for (let slot: Date | null = expected; slot; ) {
    if (now < slot) return { run: null, missed, next: slot };
    const next = after(slot);
    const lateBy: number = now.getTime() - slot.getTime();
    if (lateBy <= toleranceMs && (!next || now < next)) return { run: slot, missed, next };
    missed ??= slot;
    // Far behind (a suspended laptop): straight to the slots still within tolerance.
    const resume: Date | null = lateBy > toleranceMs ? after(new Date(now.getTime() - toleranceMs)) : null;
    slot = resume && next && resume > next ? resume : next;
  }
  return { run: null, missed, next: null };
}

export interface CronPlanOptions {
  clock: Clock;
  log: Logger;
  /** Runs one tick; the plan starts no other until it settles. */
  onTick: (slot: Date) => Promise<unknown>;
  toleranceMs?: number;
}

export class CronPlan {
  readonly slots: CronSlots;
  private readonly stopped = new AbortController();
  private going: Promise<void> | null = null;

  constructor(
    readonly expression: string,
    private readonly options: CronPlanOptions,
  ) {
    this.slots = cronSlots(expression);
  }

  /** Wakes for every slot from now on, until stop(). */
  start(): void {
    void this.loop();
  }

  /** Whether a tick is going (its waits included). */
  get ticking(): boolean {
    return this.going !== null;
  }

  /** Resolves once no tick goes. */
  whenIdle(): Promise<void> {
    return this.going ?? Promise.resolve();
  }

  /** Starts a tick for `slot` now, unless one is going; resolves when it has settled. */
  fire(slot: Date, tick: (slot: Date) => Promise<unknown> = this.options.onTick): Promise<void> {
    if (this.stopped.signal.aborted) return Promise.resolve();
    if (this.going) {
      this.options.log.warn({ tick: slot.toISOString() }, 'scheduled tick skipped: the previous one still goes');
      return Promise.resolve();
    }
    const going = tick(slot).then(
      () => {},
      (err: unknown) => this.options.log.error({ err }, 'scheduled tick failed'),
    );
    this.going = going.finally(() => (this.going = null));
    return this.going;
  }

  /** Stops waking; a tick going now is the run gate's to stop. */
  stop(): void {
    this.stopped.abort();
  }

  private async loop(): Promise<void> {
    const { clock, log } = this.options;
    const { signal } = this.stopped;
    let expected = this.slots.after(clock.now());
    while (expected && !signal.aborted) {
      const now = clock.now();
      if (now < expected) {
        await sleepOn(clock, expected.getTime() - now.getTime(), signal);
        continue;
      }
      const plan = planTick(expected, now, this.options.toleranceMs ?? LATE_TICK_TOLERANCE_MS, this.slots.after);
      if (plan.missed) log.warn({ tick: plan.missed.toISOString() }, 'scheduled tick missed: the next one was due already');
      if (plan.run) void this.fire(plan.run);
      expected = plan.next;
    }
  }
}
