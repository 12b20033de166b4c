import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createHttpClient, type HttpClient } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { cronSlots } from '../../src/schedule/cron-slots.js';
import { Scheduler, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import { SourceLeases, type LeaseStore } from '../../src/schedule/source-leases.js';
import { SqliteStore } from '../../src/store/sqlite.js';
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
  /** `leases`: a worker of several, claiming through that lease store (the SQLite store itself by default) as `owner`. */
  const make = (options: SchedulerOptions = {}, leases?: { store?: LeaseStore; owner?: string }) => {
    const config = loadConfig(dir.path('config'), { env: {}, cwd: dir.root });
    const log = silentLogger();
    const sourceLeases = leases && new SourceLeases(leases.store ?? store, log, { owner: leases.owner });
    scheduler = new Scheduler(config, { log, clock: systemClock, store, http, leases: sourceLeases }, { maxJitterMs: 0, ...options });
    return scheduler;
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
    source('first', 'schedule: "0 0 1 1 *"\n');
    const s = make();
    s.start();
    assert.ok(await eventually(async () => (await store.runStats('first')).runs === 1), 'start-up pass');
    source('second', 'schedule: "0 0 1 1 *"\n');
    s.update(loadConfig(dir.path('config'), { env: {}, cwd: dir.root }));
    assert.ok(await eventually(async () => (await store.runStats('second')).runs === 1), 'an added source runs at once');
    assert.equal((await store.runStats('first')).runs, 1, 'an unchanged source is left alone');
    dir.write('config/sources/second.yaml', 'id: second\ntype: files\npath: elsewhere\nenabled: false\n');
    s.update(loadConfig(dir.path('config'), { env: {}, cwd: dir.root }));
    assert.equal(await s.nextRun('second'), null);
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
