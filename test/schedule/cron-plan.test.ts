// A source's cron plan on a manual clock: the test moves time, the plan wakes for it, and
// every wait ends on an event (a tick, a pending sleep), never on the machine's speed.
import assert from 'node:assert/strict';
import { manualClock, type ManualClock } from '../../src/clock.js';
import { CronPlan, planTick } from '../../src/schedule/cron-plan.js';
import { cronSlots } from '../../src/schedule/cron-slots.js';
import { capturingLogger } from '../support/log-capture.js';

const at = (iso: string) => new Date(iso);

describe('planTick', () => {
  const every4s = cronSlots('*/4 * * * * *').after;
  const TOLERANCE = 5 * 60_000;

  it('waits for a slot not yet due', () => {
    assert.deepEqual(planTick(at('2026-03-05T08:00:04Z'), at('2026-03-05T08:00:03.999Z'), TOLERANCE, every4s), { run: null, missed: null, next: at('2026-03-05T08:00:04Z') });
  });

  it('runs a slot on time, or late while the next one is not due', () => {
    const slot = at('2026-03-05T08:00:04Z');
    assert.deepEqual(planTick(slot, slot, TOLERANCE, every4s), { run: slot, missed: null, next: at('2026-03-05T08:00:08Z') });
    assert.deepEqual(planTick(slot, at('2026-03-05T08:00:07.900Z'), TOLERANCE, every4s), { run: slot, missed: null, next: at('2026-03-05T08:00:08Z') });
  });

  it('gives a slot up when the next one is due too, and runs that one', () => {
    assert.deepEqual(planTick(at('2026-03-05T08:00:04Z'), at('2026-03-05T08:00:13Z'), TOLERANCE, every4s), {
      run: at('2026-03-05T08:00:12Z'),
      missed: at('2026-03-05T08:00:04Z'),
      next: at('2026-03-05T08:00:16Z'),
    });
  });

  it('gives up a slot later than the tolerance, and skips straight to the slots within it', () => {
    const hourly = cronSlots('0 * * * *').after;
    // Two hours asleep: 08:00 and 09:00 are gone; 10:00 is 4 minutes late, within 5.
    assert.deepEqual(planTick(at('2026-03-05T08:00:00Z'), at('2026-03-05T10:04:00Z'), TOLERANCE, hourly), {
      run: at('2026-03-05T10:00:00Z'),
      missed: at('2026-03-05T08:00:00Z'),
      next: at('2026-03-05T11:00:00Z'),
    });
    // 6 minutes late: given up, the plan waits for 11:00.
    assert.deepEqual(planTick(at('2026-03-05T10:00:00Z'), at('2026-03-05T10:06:00Z'), TOLERANCE, hourly), {
      run: null,
      missed: at('2026-03-05T10:00:00Z'),
      next: at('2026-03-05T11:00:00Z'),
    });
    // A year asleep on a per-second schedule is one step, not 31 million.
    const plan = planTick(at('2026-03-05T08:00:00Z'), at('2027-03-05T08:00:00.500Z'), TOLERANCE, cronSlots('* * * * * *').after);
    assert.ok(plan.run && plan.run.getTime() >= at('2027-03-05T07:55:00.500Z').getTime());
  });
});

describe('CronPlan', () => {
  let clock: ManualClock;
  let plan: CronPlan | undefined;
  let ticks: string[];
  let onTick: (slot: Date) => Promise<unknown>;
  /** Resolves with the next tick the plan starts. */
  let nextTick: () => Promise<string>;

  beforeEach(() => {
    clock = manualClock('2026-03-05T08:00:00.500Z');
    ticks = [];
    const waiting: ((slot: string) => void)[] = [];
    nextTick = () => new Promise((resolve) => waiting.push(resolve));
    onTick = async (slot) => {
      ticks.push(slot.toISOString());
      waiting.shift()?.(slot.toISOString());
    };
  });
  afterEach(() => plan?.stop());

  const make = (expression: string, log = capturingLogger().log) => {
    plan = new CronPlan(expression, { clock, log, onTick: (slot) => onTick(slot) });
    return plan;
  };

  it('runs a tick 2 s late on a 4 s schedule, in its own slot, without a warning', async () => {
    const { log, text } = capturingLogger();
    make('*/4 * * * * *', log).start();
    await clock.sleeping('2026-03-05T08:00:04Z');
    const ticked = nextTick();
    // The event loop was held: the plan wakes 2.05 s after its slot.
    clock.set('2026-03-05T08:00:06.050Z');
    assert.equal(await ticked, '2026-03-05T08:00:04.000Z');
    await clock.sleeping('2026-03-05T08:00:08Z');
    assert.deepEqual(ticks, ['2026-03-05T08:00:04.000Z']);
    assert.doesNotMatch(text(), /missed|skipped/);
  });

  it('runs each slot as time passes', async () => {
    make('*/4 * * * * *').start();
    for (const slot of ['2026-03-05T08:00:04.000Z', '2026-03-05T08:00:08.000Z', '2026-03-05T08:00:12.000Z']) {
      await clock.sleeping(slot);
      const ticked = nextTick();
      clock.set(slot);
      assert.equal(await ticked, slot);
    }
    assert.equal(ticks.length, 3);
  });

  it('gives up a slot overtaken by the next one, with a warning', async () => {
    const { log, text } = capturingLogger();
    make('*/4 * * * * *', log).start();
    await clock.sleeping('2026-03-05T08:00:04Z');
    const ticked = nextTick();
    clock.set('2026-03-05T08:00:09Z');
    assert.equal(await ticked, '2026-03-05T08:00:08.000Z');
    assert.deepEqual(ticks, ['2026-03-05T08:00:08.000Z']);
    assert.match(text(), /"tick":"2026-03-05T08:00:04.000Z".*"msg":"scheduled tick missed: the next one was due already"/);
  });

  it('sleeps through a long schedule in one wait and wakes on its slot', async () => {
    make('0 0 1 1 *').start();
    await clock.sleeping('2027-01-01T00:00:00Z');
    assert.deepEqual(clock.sleepers(), [at('2027-01-01T00:00:00Z')]);
    const ticked = nextTick();
    clock.set('2027-01-01T00:00:00Z');
    assert.equal(await ticked, '2027-01-01T00:00:00.000Z');
  });

  it('starts no tick while the last one still goes: that slot is skipped, with a warning', async () => {
    const { log, text } = capturingLogger();
    let finish: () => void = () => {};
    onTick = (slot) => {
      ticks.push(slot.toISOString());
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const p = make('*/4 * * * * *', log);
    p.start();
    await clock.sleeping('2026-03-05T08:00:04Z');
    clock.set('2026-03-05T08:00:04Z');
    await clock.sleeping('2026-03-05T08:00:08Z');
    assert.ok(p.ticking);
    clock.set('2026-03-05T08:00:08Z');
    // The plan handled slot 08 (skipped it) before it went to sleep for 12.
    await clock.sleeping('2026-03-05T08:00:12Z');
    assert.deepEqual(ticks, ['2026-03-05T08:00:04.000Z']);
    assert.match(text(), /"tick":"2026-03-05T08:00:08.000Z".*"msg":"scheduled tick skipped: the previous one still goes"/);
    finish();
    await p.whenIdle();
    const ticked = new Promise<string>((resolve) => {
      onTick = async (slot) => {
        ticks.push(slot.toISOString());
        resolve(slot.toISOString());
      };
    });
    clock.set('2026-03-05T08:00:12Z');
    assert.equal(await ticked, '2026-03-05T08:00:12.000Z', 'free again once the tick settled');
  });

  it('fire() runs a tick now (the start-up pass) under the same one-at-a-time rule', async () => {
    const p = make('0 0 1 1 *');
    let finish: () => void = () => {};
    const first = p.fire(at('2026-01-01T00:00:00Z'), () => new Promise<void>((resolve) => (finish = resolve)));
    assert.ok(p.ticking);
    await p.fire(at('2026-01-01T00:00:00Z'));
    assert.deepEqual(ticks, [], 'refused while the first goes');
    finish();
    await first;
    assert.equal(p.ticking, false);
    await p.fire(at('2026-01-01T00:00:00Z'));
    assert.deepEqual(ticks, ['2026-01-01T00:00:00.000Z']);
  });

  it('stop() ends its wait: nothing is left to wake it', async () => {
    const p = make('*/4 * * * * *');
    p.start();
    await clock.sleeping();
    p.stop();
    assert.deepEqual(clock.sleepers(), [], 'its sleep was cancelled');
    clock.set('2026-03-05T09:00:00Z');
    await p.fire(at('2026-03-05T09:00:00Z'));
    assert.deepEqual(ticks, [], 'a stopped plan starts no tick');
  });
});
