import assert from 'node:assert/strict';
import { createTask } from 'node-cron';
import { silentLogger } from '../../src/log.js';
import { currentTick, leaseTiming, SourceLeases } from '../../src/schedule/source-leases.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SourceLeases', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
  });
  afterEach(async () => store.close());

  const workers = (n: number) =>
    Array.from({ length: n }, (_, i) => new SourceLeases(store, silentLogger(), { owner: `w${i}` }));

  it('runs each tick of a source on one worker and spreads sources over the workers', async () => {
    const ran = new Map<string, string[]>();
    const slot = new Date('2026-03-04T10:00:03.000Z');
    const timing = { ttlMs: 5000, spreadMs: 30 };
    const claims = workers(3).flatMap((w) =>
      Array.from({ length: 30 }, (_, i) =>
        w.runLeased(`s${i}`, slot, timing, async () => {
          ran.set(`s${i}`, [...(ran.get(`s${i}`) ?? []), w.owner]);
        }),
      ),
    );
    await Promise.all(claims);
    assert.equal(ran.size, 30);
    assert.ok([...ran.values()].every((owners) => owners.length === 1), 'each source ran once');
    const perWorker = new Map<string, number>();
    for (const [owner] of ran.values()) perWorker.set(owner!, (perWorker.get(owner!) ?? 0) + 1);
    assert.equal(perWorker.size, 3, `every worker ran some: ${JSON.stringify([...perWorker])}`);
  });

  it('renews the lease while a run outlasts its ttl, and frees the next tick after', async () => {
    const [a, b] = workers(2) as [SourceLeases, SourceLeases];
    const timing = { ttlMs: 60, spreadMs: 0 };
    const slot1 = new Date('2026-03-04T10:00:00.000Z');
    const slot2 = new Date('2026-03-04T10:00:03.000Z');
    const long = a.runLeased('inbox', slot1, timing, () => sleep(250));
    await sleep(150);
    assert.equal(await b.runLeased('inbox', slot2, timing, async () => 'ran'), null, 'still held by the live run');
    await long;
    const slot3 = new Date('2026-03-04T10:00:06.000Z');
    assert.equal(await b.runLeased('inbox', slot3, timing, async () => 'ran'), 'ran');
  });

  it('releases the lease when the run throws', async () => {
    const [a, b] = workers(2) as [SourceLeases, SourceLeases];
    const timing = { ttlMs: 60_000, spreadMs: 0 };
    await assert.rejects(a.runLeased('inbox', new Date(1000), timing, async () => Promise.reject(new Error('boom'))));
    assert.equal(await b.runLeased('inbox', new Date(2000), timing, async () => 'ran'), 'ran');
  });
});

describe('lease timing', () => {
  it('expires within a third of the interval, between 1 s and 30 s', () => {
    assert.deepEqual(leaseTiming(3000), { ttlMs: 1000, spreadMs: 250 });
    assert.equal(leaseTiming(15 * 60_000).ttlMs, 30_000);
    assert.equal(leaseTiming(1000).ttlMs, 1000);
  });

  it("derives the interval and the previous tick from a cron task's next ticks", async () => {
    const task = createTask('*/3 * * * * *', () => {});
    const { previous, intervalMs } = currentTick(task);
    await task.destroy();
    assert.equal(intervalMs, 3000);
    assert.equal(previous.getTime() % 3000, 0);
    assert.ok(previous.getTime() <= Date.now() && Date.now() - previous.getTime() < 3000);
  });
});
