import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { manualClock, systemClock, type Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createHttpClient, type HttpClient } from '../../src/fetch/http-client.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { cronSlots } from '../../src/schedule/cron-slots.js';
import { ABANDONED, type RunOutcome } from '../../src/schedule/run-source.js';
import { Scheduler, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import { inlineParser, type Parser } from '../../src/sources/parser.js';
import { SourceLeases, type LeaseStore } from '../../src/schedule/source-leases.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { parseGate } from '../support/parse-gate.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

/**
 * Polls `check` every 20 ms for at most `ms`; returns whether it came true. The bound is
 * generous: cron ticks and runs are late on a loaded machine, and only the outcome is asserted.
 */
async function eventually(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('Scheduler', () => {
  let dir: TempDir;
  let store: SqliteStore;
  let scheduler: Scheduler | undefined;
  let http: HttpClient;

  beforeEach(async () => {
    dir = tempDir();
    store = new SqliteStore(':memory:');
    await store.migrate();
    http = createHttpClient({}, { clock: systemClock, log: silentLogger() });
  });
  afterEach(async () => {
    await scheduler?.stop(1_000);
    scheduler = undefined;
    await http.close();
    await store.close();
    dir.remove();
  });

  const source = (id: string, extra = '') => dir.write(`config/sources/${id}.yaml`, `id: ${id}\ntype: files\npath: ${dir.path(id)}\n${extra}`);
  /**
   * `leases`: a worker of several, claiming through that lease store (the SQLite store
   * itself by default) as `owner`. `clock`: a manual clock moves the schedule only when
   * the test says; `parser`: e.g. one that holds a run open.
   */
  const make = (options: SchedulerOptions = {}, leases?: { store?: LeaseStore; owner?: string }, more: { clock?: Clock; parser?: Parser } = {}) => {
    const config = loadConfig(dir.path('config'), { env: {}, cwd: dir.root });
    const log = process.env.DBG ? createLogger('debug') : silentLogger();
    const clock = more.clock ?? systemClock;
    const sourceLeases = leases && new SourceLeases(leases.store ?? store, log, { owner: leases.owner, clock });
    scheduler = new Scheduler(config, { log, clock, store, http, parser: more.parser, leases: sourceLeases }, { maxJitterMs: 0, ...options });
    return scheduler;
  };

  /** Finished runs as they are reported: `finished(id, n)` resolves once source `id` has finished `n` runs. */
  const runLog = () => {
    const outcomes: RunOutcome[] = [];
    const waiters: { id: string; count: number; resolve: () => void }[] = [];
    const count = (id: string) => outcomes.filter((o) => o.sourceId === id).length;
    return {
      outcomes,
      count,
      onRunFinished(outcome: RunOutcome) {
        outcomes.push(outcome);
        for (const w of waiters.filter((w) => count(w.id) >= w.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      },
      finished: (id: string, n: number) => (count(id) >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ id, count: n, resolve }))),
    };
  };

  it('never runs one source twice at once', async () => {
    source('inbox');
    for (let i = 0; i < 200; i++) dir.write(`inbox/s${i}.txt`, `Story ${i}\n\nBody ${i}.\n`);
    const s = make();
    const first = s.runNow('inbox');
    await assert.rejects(s.runNow('inbox'), { code: 'RUN_IN_PROGRESS' });
    assert.equal((await first).new, 200);
    assert.equal((await s.runNow('inbox')).unchanged, 200, 'free again once the run ended');
  });

  it('rejects an unknown source', async () => {
    source('inbox');
    await assert.rejects(make().runNow('nope'), { code: 'SOURCE_NOT_FOUND' });
  });

  it('accepts 5- and 6-field cron and reports the next run', async () => {
    source('minutes', 'schedule: "*/5 * * * *"\n');
    source('seconds', 'schedule: "*/10 * * * * *"\n');
    const s = make();
    const now = Date.now();
    const minutes = await s.nextRun('minutes');
    const seconds = await s.nextRun('seconds');
    assert.ok(minutes && minutes.getTime() > now && minutes.getTime() <= now + 5 * 60_000 && minutes.getUTCMinutes() % 5 === 0);
    assert.ok(seconds && seconds.getTime() > now - 1_000 && seconds.getTime() <= now + 10_000 && seconds.getUTCSeconds() % 10 === 0);
  });

  it('does not schedule a source with enabled: false, but still runs it on demand', async () => {
    source('off', 'enabled: false\nschedule: "* * * * * *"\n');
    source('on', 'schedule: "* * * * * *"\n');
    dir.write('on/a.txt', 'A story\n\nBody.\n');
    dir.write('off/a.txt', 'A story\n\nBody.\n');
    const s = make();
    s.start();
    assert.equal(s.status(), 'alive');
    assert.ok(await eventually(async () => (await store.runStats('on')).runs >= 2), 'the enabled source runs every second');
    assert.equal((await store.runStats('off')).runs, 0);
    assert.equal(await s.nextRun('off'), null);
    assert.equal((await s.runNow('off')).error, null);
  });

  it('backs off a failing source and resets after a success', async () => {
    // The failing source's folder is missing; the control source works. Both tick every second.
    source('failing', 'schedule: "* * * * * *"\n');
    source('control', 'schedule: "* * * * * *"\n');
    dir.write('control/a.txt', 'A story\n\nBody.\n');
    const s = make({ backoff: { baseMs: 60_000, maxMs: 600_000 } });
    s.start();
    assert.ok(await eventually(async () => (await store.runStats('control')).runs >= 3), 'ticks happen');
    assert.deepEqual(await store.runStats('failing'), { runs: 1, consecutiveFailures: 1 }, 'ticks skipped while backing off');
    const last = await store.lastRun('failing');
    const next = await s.nextRun('failing');
    assert.ok(next && next.getTime() >= Date.parse(last!.finishedAt!) + 60_000, 'nextRun is after the backoff');

    dir.write('failing/ok.txt', 'Back\n\nIt works again.\n');
    assert.equal((await s.runNow('failing')).error, null);
    assert.equal((await store.runStats('failing')).consecutiveFailures, 0);
    const reset = await s.nextRun('failing');
    assert.ok(reset && reset.getTime() <= Date.now() + 1_000, 'no backoff after a success');
    assert.ok(await eventually(async () => (await store.runStats('failing')).runs >= 3), 'scheduled again every second');
  });

  it('runs a tick only with its lease: a tick another worker holds does not run here', async () => {
    source('leased', 'schedule: "* * * * * *"\n');
    dir.write('leased/a.txt', 'A story\n\nBody.\n');
    source('free', 'schedule: "* * * * * *"\n');
    dir.write('free/a.txt', 'A story\n\nBody.\n');
    // Another worker holds "leased" far into the future and keeps claiming later ticks.
    const far = new Date(Date.now() + 3600_000).toISOString();
    assert.equal(await store.acquireLease({ sourceId: 'leased', owner: 'other-worker', slot: far, ttlMs: 3600_000 }), 'taken');
    scheduler = make({}, {});
    scheduler.start();
    assert.ok(await eventually(async () => (await store.runStats('free')).runs >= 2), 'the free source runs each tick');
    assert.equal((await store.runStats('leased')).runs, 0, 'no run without the lease');
  });

  it('runs on folder events only with the lease: skipped while another worker holds it, run once it is free', async () => {
    source('leased', 'schedule: "0 0 1 1 *"\n');
    dir.write('leased/a.txt', 'A story\n\nBody.\n');
    // Another worker holds the lease (it claimed a far tick): no tick runs here either.
    const far = new Date(Date.now() + 3600_000).toISOString();
    assert.equal(await store.acquireLease({ sourceId: 'leased', owner: 'other-worker', slot: far, ttlMs: 3600_000 }), 'taken');
    const claims: { slot: string | null; outcome: string }[] = [];
    const recording: LeaseStore = {
      async acquireLease(claim) {
        const outcome = await store.acquireLease(claim);
        claims.push({ slot: claim.slot, outcome });
        return outcome;
      },
      renewLease: (...args) => store.renewLease(...args),
      releaseLease: (...args) => store.releaseLease(...args),
    };
    scheduler = make({}, { store: recording, owner: 'here' });
    scheduler.start();
    dir.write('leased/b.txt', 'B story\n\nBody.\n');
    const unscheduled = () => claims.filter((c) => c.slot === null).map((c) => c.outcome);
    assert.ok(await eventually(() => unscheduled().length > 0), 'the folder event asked for the lease');
    assert.ok(unscheduled().every((o) => o === 'busy'));
    assert.equal((await store.runStats('leased')).runs, 0, 'skipped: the holder sees the same folder');
    await store.releaseLease('leased', 'other-worker');
    dir.write('leased/c.txt', 'C story\n\nBody.\n');
    assert.ok(await eventually(async () => (await store.countStories('leased')) === 3), 'run once the lease is free');
    assert.ok(unscheduled().includes('taken'));
    assert.equal((await store.lastRun('leased'))?.status, 'ok');
  });

  it('runs by hand only with the lease: refused while another worker runs the source, in a process that schedules nothing', async () => {
    source('inbox', 'schedule: "*/10 * * * *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    const far = new Date(Date.now() + 3600_000).toISOString();
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'other-worker', slot: far, ttlMs: 3600_000 }), 'taken');
    // Never started, like the scheduler of a web process answering POST /api/sources/:id/run.
    scheduler = make({}, { owner: 'here' });
    await assert.rejects(scheduler.startRun('inbox'), { code: 'RUN_IN_PROGRESS', message: /another worker/ });
    assert.equal((await store.runStats('inbox')).runs, 0, 'nothing ran beside the other worker');
    await store.releaseLease('inbox', 'other-worker');
    const { outcome } = await scheduler.startRun('inbox');
    await assert.rejects(scheduler.startRun('inbox'), { code: 'RUN_IN_PROGRESS' });
    assert.equal((await outcome).new, 1);
    const run = await store.lastRun('inbox');
    assert.equal(run?.status, 'ok');
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'other-worker', slot: null, ttlMs: 60_000 }), 'taken', 'released after the run');
  });

  it('a restarted worker runs again, at once, the tick its previous life died in', async () => {
    source('inbox', 'schedule: "0 0 1 1 *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    // The previous process took the tick the start-up pass claims, started its run and was
    // killed: its lease was never released, and has expired by now.
    const slot = cronSlots('0 0 1 1 *').current(new Date()).previous.toISOString();
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'previous-life', slot, ttlMs: 60_000 }), 'taken');
    const dead = await store.startRun('inbox', new Date(), { slot, owner: 'previous-life' });
    await store.renewLease('inbox', 'previous-life', 1);
    await new Promise((r) => setTimeout(r, 20));
    scheduler = make({}, {});
    scheduler.start();
    assert.ok(await eventually(async () => (await store.lastRun('inbox'))?.status === 'ok'), 'run again, not a year later');
    assert.equal(await store.countStories('inbox'), 1);
    const { runs } = await store.runStats('inbox');
    assert.equal(runs, 2);
    assert.notEqual((await store.lastRun('inbox'))?.id, dead);
  });

  it('reschedules on update: added sources run, removed ones stop', async () => {
    const clock = manualClock('2026-03-05T08:00:00.500Z');
    const runs = runLog();
    source('first', 'schedule: "*/10 * * * * *"\n');
    dir.write('first/a.txt', 'A story\n\nBody.\n');
    dir.write('second/a.txt', 'A story\n\nBody.\n');
    const s = make({ onRunFinished: runs.onRunFinished }, undefined, { clock });
    s.start();
    await runs.finished('first', 1); // start-up pass
    source('second', 'schedule: "*/10 * * * * *"\n');
    s.update(loadConfig(dir.path('config'), { env: {}, cwd: dir.root }));
    await runs.finished('second', 1);
    assert.equal(runs.count('first'), 1, 'an unchanged source is left alone');

    // Both tick at 08:00:10, once their start-up ticks are over.
    await Promise.all([s.whenIdle('first'), s.whenIdle('second')]);
    await clock.sleeping('2026-03-05T08:00:10Z');
    clock.set('2026-03-05T08:00:10Z');
    await Promise.all([runs.finished('first', 2), runs.finished('second', 2)]);

    rmSync(dir.path('config/sources/second.yaml'));
    s.update(loadConfig(dir.path('config'), { env: {}, cwd: dir.root }));
    assert.equal(await s.nextRun('second'), null);
    // Only the first source's plan still waits for a slot: nothing is left to tick the second.
    assert.deepEqual(clock.sleepers(), [new Date('2026-03-05T08:00:20Z')]);
    for (const [slot, n] of [['2026-03-05T08:00:20Z', 3], ['2026-03-05T08:00:30Z', 4]] as const) {
      await clock.sleeping(slot);
      await s.whenIdle('first');
      clock.set(slot);
      await runs.finished('first', n);
    }
    assert.equal(runs.count('second'), 2, 'the removed source ran no more');
    assert.equal((await store.runStats('second')).runs, 2);
  });

  it('waits a jitter before a scheduled run, and the run starts when it has passed', async () => {
    const clock = manualClock('2026-03-05T08:00:00.500Z');
    const runs = runLog();
    source('inbox', 'schedule: "*/30 * * * * *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    // Every 30 s: jitter up to a fifth of that (6 s); half of it with this "random".
    const s = make({ maxJitterMs: 10_000, random: () => 0.5, onRunFinished: runs.onRunFinished }, undefined, { clock });
    s.start();
    await runs.finished('inbox', 1); // start-up pass: no jitter
    await s.whenIdle('inbox');
    await clock.sleeping('2026-03-05T08:00:30Z');
    clock.set('2026-03-05T08:00:30Z');
    await clock.sleeping('2026-03-05T08:00:33Z');
    assert.ok(s.isRunning('inbox'), 'the tick counts as running while it waits');
    clock.set('2026-03-05T08:00:32.999Z');
    assert.ok(clock.sleepers().some((d) => d.toISOString() === '2026-03-05T08:00:33.000Z'), 'still waiting');
    assert.equal(runs.count('inbox'), 1);
    clock.set('2026-03-05T08:00:33Z');
    await runs.finished('inbox', 2);
    assert.equal((await store.lastRun('inbox'))?.startedAt, '2026-03-05T08:00:33.000Z', 'started as the jitter ended');
  });

  it('stop() cuts a jitter wait short: it returns at once and the tick runs nothing', async () => {
    const clock = manualClock('2026-03-05T08:00:00.500Z');
    const runs = runLog();
    source('inbox', 'schedule: "*/30 * * * * *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    const s = make({ maxJitterMs: 10_000, random: () => 0.5, onRunFinished: runs.onRunFinished }, undefined, { clock });
    s.start();
    await runs.finished('inbox', 1);
    await s.whenIdle('inbox');
    await clock.sleeping('2026-03-05T08:00:30Z');
    clock.set('2026-03-05T08:00:30Z');
    await clock.sleeping('2026-03-05T08:00:33Z');
    // The clock never moves again: stop() must not wait for the jitter (nor for its grace).
    assert.deepEqual(await s.stop(60_000), []);
    assert.deepEqual(clock.sleepers(), [], 'no wait is left');
    await assert.rejects(s.runNow('inbox'), { code: 'SHUTTING_DOWN' });
    assert.equal(runs.count('inbox'), 1);
    assert.equal((await store.runStats('inbox')).runs, 1, 'the cut tick started no run');
  });

  it('stop() waits its grace for runs going and returns those still going after it', async () => {
    const clock = manualClock('2026-03-05T08:00:00.500Z');
    const gate = parseGate(inlineParser());
    source('inbox', 'schedule: "0 0 1 1 *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    const s = make({}, undefined, { clock, parser: gate.parser });
    const held = gate.hold();
    const { outcome } = await s.startRun('inbox');
    assert.equal(await held.entered, 'a.txt');
    const stopping = s.stop(5_000);
    await clock.sleeping('2026-03-05T08:00:05.500Z');
    assert.ok(s.isRunning('inbox'));
    clock.advance(5_000);
    assert.deepEqual(await stopping, ['inbox'], 'still going after the grace');
    held.release();
    const ended = await outcome;
    assert.equal(ended.error, ABANDONED, 'told to stop, it stopped between stories');
    assert.equal(ended.new, 0);
    assert.equal((await store.lastRun('inbox'))?.error, ABANDONED);
  });

  it('stop() returns nothing when the runs going end within its grace', async () => {
    const clock = manualClock('2026-03-05T08:00:00.500Z');
    const gate = parseGate(inlineParser());
    source('inbox', 'schedule: "0 0 1 1 *"\n');
    dir.write('inbox/a.txt', 'A story\n\nBody.\n');
    const s = make({}, undefined, { clock, parser: gate.parser });
    const held = gate.hold();
    const { outcome } = await s.startRun('inbox');
    await held.entered;
    const stopping = s.stop(5_000);
    await clock.sleeping('2026-03-05T08:00:05.500Z');
    held.release();
    // The clock stays put: stop() returns because the run ended, not because the grace did.
    assert.deepEqual(await stopping, []);
    assert.equal((await outcome).error, ABANDONED);
  });

  it('stop() ends scheduling and reports stopped', async () => {
    source('inbox');
    const s = make();
    s.start();
    assert.deepEqual(await s.stop(1_000), []);
    assert.equal(s.status(), 'stopped');
    await assert.rejects(s.runNow('inbox'), { code: 'SHUTTING_DOWN' });
  });
});
