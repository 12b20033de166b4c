// Leases on a real SQLite store. Waits (spread, polling, renewals) run on a virtual clock
// and wake in a fixed order, and lease expiry is judged by the store's manual clock; no
// assertion depends on how fast the machine is.
import assert from 'node:assert/strict';
import { manualClock, type ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { leaseTiming, SourceLeases, type LeaseStore, type LeaseTiming } from '../../src/schedule/source-leases.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const settle = () => new Promise((r) => setImmediate(r));
const SLOT1 = new Date('2026-03-04T10:00:00.000Z');
const SLOT2 = new Date('2026-03-04T10:00:03.000Z');
const SLOT3 = new Date('2026-03-04T10:00:06.000Z');

/** Sleeps that wake only when the test says, earliest wake time first (then first asked). */
function virtualTime(start = SLOT1.getTime()) {
  let now = start;
  let asked = 0;
  const sleepers: { at: number; seq: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, seq: asked++, wake })),
    asked: () => asked,
    /** Wakes every sleeper in order, each one's claim and run settled before the next wakes. */
    async wakeAll() {
      while (sleepers.length > 0) {
        sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
        await settle();
      }
    },
  };
}

/** Resolves once `check` holds, checking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await settle();
}

describe('SourceLeases', () => {
  let store: SqliteStore;
  /** The store's clock: lease expiry is judged by it. */
  let storeClock: ManualClock;
  const log = silentLogger();
  beforeEach(async () => {
    storeClock = manualClock(SLOT1);
    store = new SqliteStore(':memory:', { clock: storeClock });
    await store.migrate();
  });
  afterEach(async () => store.close());

  it('runs each tick of a source on one worker: the one with the shortest random wait, which spreads sources over the workers', async () => {
    const time = virtualTime();
    // Fixed "random" waits, a different order per source, as Math.random would give.
    const waits = [0, 1, 2].map((w) => Array.from({ length: 30 }, (_, i) => ((i * 7 + w * 11) % 13) / 13));
    const workers = [0, 1, 2].map((w) => {
      let call = 0;
      return new SourceLeases(store, log, { owner: `w${w}`, sleep: time.sleep, now: time.now, random: () => waits[w]![call++]! });
    });
    const timing: LeaseTiming = { ttlMs: 5000, spreadMs: 30, pollMs: 10, waitMs: 0 };
    const ran = new Map<string, string[]>();
    const claims = workers.flatMap((w) =>
      Array.from({ length: 30 }, (_, i) => w.runLeased(`s${i}`, SLOT1, timing, async () => ran.set(`s${i}`, [...(ran.get(`s${i}`) ?? []), w.owner]))),
    );
    await time.wakeAll();
    await Promise.all(claims);
    assert.equal(ran.size, 30);
    for (let i = 0; i < 30; i++) {
      const delays = [0, 1, 2].map((w) => Math.floor(waits[w]![i]! * timing.spreadMs));
      const first = delays.indexOf(Math.min(...delays)); // ties: the first to ask
      assert.deepEqual(ran.get(`s${i}`), [`w${first}`], `s${i}: once, on the worker that woke first (waits ${delays.join('/')})`);
    }
    const perWorker = [0, 1, 2].map((w) => [...ran.values()].filter(([owner]) => owner === `w${w}`).length);
    assert.ok(perWorker.every((n) => n > 0), `every worker ran some: ${perWorker.join('/')}`);
  });

  it('renews the lease while a run outlasts its ttl, and frees the next tick after', async () => {
    // Leases and the store share one manual clock: renewals come when the test moves it.
    const clock = storeClock;
    let renewed: () => void = () => {};
    const counting: LeaseStore = {
      acquireLease: (claim) => store.acquireLease(claim),
      releaseLease: (source, owner) => store.releaseLease(source, owner),
      async renewLease(source, owner, ttlMs) {
        const held = await store.renewLease(source, owner, ttlMs);
        renewed();
        return held;
      },
    };
    const a = new SourceLeases(counting, log, { owner: 'a', clock });
    const b = new SourceLeases(store, log, { owner: 'b', clock });
    const timing: LeaseTiming = { ttlMs: 60, spreadMs: 0, pollMs: 10, waitMs: 0 };
    let finish: () => void = () => {};
    const running = a.runLeased('inbox', SLOT1, timing, () => new Promise<void>((done) => (finish = done)));
    // Renewals every ttl/3: after the third the first ttl is over, and the lease still held.
    for (let i = 0; i < 3; i++) {
      await clock.sleeping();
      const renewal = new Promise<void>((resolve) => (renewed = resolve));
      clock.advance(20);
      await renewal;
    }
    // Another worker at the same tick finds it held (and, with no wait, gives up at once).
    assert.equal(await b.runLeased('inbox', SLOT1, timing, async () => 'ran'), null, 'still held by the live, renewing run');
    finish();
    await running;
    assert.deepEqual(clock.sleepers(), [], 'renewals end with the run');
    assert.equal(await b.runLeased('inbox', SLOT3, timing, async () => 'ran'), 'ran', 'free once the run ended');
  });

  it('a lease no longer renewed expires after its ttl', async () => {
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'dead', slot: SLOT1.toISOString(), ttlMs: 60 }), 'taken');
    storeClock.advance(59);
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'b', slot: SLOT2.toISOString(), ttlMs: 60 }), 'busy');
    storeClock.advance(1);
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'b', slot: SLOT2.toISOString(), ttlMs: 60 }), 'taken');
  });

  it('releases the lease when the run throws', async () => {
    const [a, b] = [new SourceLeases(store, log, { owner: 'a' }), new SourceLeases(store, log, { owner: 'b' })];
    const timing = { ...leaseTiming(60_000), spreadMs: 0 };
    await assert.rejects(a.runLeased('inbox', new Date(1000), timing, async () => Promise.reject(new Error('boom'))));
    assert.equal(await b.runLeased('inbox', new Date(2000), timing, async () => 'ran'), 'ran');
  });

  it('a tick waits for a run outside the schedule to end instead of being lost to it', async () => {
    const time = virtualTime();
    const watcher = new SourceLeases(store, log, { owner: 'watcher' });
    const ticker = new SourceLeases(store, log, { owner: 'ticker', sleep: time.sleep, now: time.now });
    const timing: LeaseTiming = { ttlMs: 60_000, spreadMs: 0, pollMs: 100, waitMs: 3000 };
    let finishWatched: (() => void) | undefined;
    const watched = watcher.runUnscheduled('inbox', timing, (tick) => new Promise<typeof tick>((done) => (finishWatched = () => done(tick))));
    await until(() => finishWatched !== undefined);
    assert.equal(await watcher.runUnscheduled('inbox', timing, async () => 'twice'), null, 'one unscheduled run at a time');
    const tick = ticker.runLeased('inbox', SLOT1, timing, async (t) => t);
    await until(() => time.asked() === 1); // the tick found the lease busy and waits
    finishWatched!();
    assert.deepEqual(await watched, { slot: null, owner: 'watcher' }, 'recorded without a slot');
    await time.wakeAll();
    assert.deepEqual(await tick, { slot: SLOT1.toISOString(), owner: 'ticker' }, 'the tick ran after it');
  });

  it('a tick gives up on a lease held past its wait, before the next tick is due', async () => {
    const time = virtualTime();
    const holder = new SourceLeases(store, log, { owner: 'holder' });
    const ticker = new SourceLeases(store, log, { owner: 'ticker', sleep: time.sleep, now: time.now });
    const timing: LeaseTiming = { ttlMs: 60_000, spreadMs: 0, pollMs: 100, waitMs: 3000 };
    let release: (() => void) | undefined;
    const held = holder.runUnscheduled('inbox', timing, () => new Promise<void>((done) => (release = done)));
    await until(() => release !== undefined);
    const tick = ticker.runLeased('inbox', SLOT1, timing, async () => 'ran');
    await until(() => time.asked() === 1);
    await time.wakeAll();
    assert.equal(await tick, null);
    assert.ok(time.now() <= SLOT1.getTime() + timing.waitMs, 'gave up within its wait');
    release!();
    await held;
  });

  it("runs again the tick a dead worker's lease was taken for, once that lease expires", async () => {
    const time = virtualTime();
    // A worker took the tick and died: its lease is never renewed nor released.
    assert.equal(await store.acquireLease({ sourceId: 'inbox', owner: 'dead', slot: SLOT1.toISOString(), ttlMs: 60_000 }), 'taken');
    const deadRun = await store.startRun('inbox', SLOT1, { slot: SLOT1.toISOString(), owner: 'dead' });
    const restarted = new SourceLeases(store, log, { owner: 'restarted', sleep: time.sleep, now: time.now });
    const timing: LeaseTiming = { ttlMs: 60_000, spreadMs: 0, pollMs: 100, waitMs: 3000 };
    const tick = restarted.runLeased('inbox', SLOT1, timing, async (t) => t);
    await until(() => time.asked() === 1); // busy: the holder may still be alive
    assert.equal(await store.renewLease('inbox', 'dead', 1), true); // ... but it now stops renewing
    storeClock.advance(1);
    await time.wakeAll();
    assert.deepEqual(await tick, { slot: null, owner: 'restarted' }, 'run again, as an extra run of that tick');
    const dead = await store.lastRun('inbox');
    assert.equal(dead?.id, deadRun);
    assert.match(dead?.error ?? '', /abandoned/);
  });
});

describe('lease timing', () => {
  it('expires within a third of the interval, between 1 s and 30 s; a tick waits for a busy lease at most 60 % of the interval', () => {
    assert.deepEqual(leaseTiming(3000), { ttlMs: 1000, spreadMs: 250, pollMs: 250, waitMs: 1800 });
    assert.equal(leaseTiming(15 * 60_000).ttlMs, 30_000);
    assert.equal(leaseTiming(15 * 60_000).pollMs, 1000);
    assert.equal(leaseTiming(1000).ttlMs, 1000);
  });
});
