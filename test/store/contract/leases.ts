// The leases role: one run lease per source, taken once per tick, expiring by the store's clock.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/store.js';
import { SLOT1, SLOT2, T0, type StoreUnderTest } from './store-under-test.js';

export function leaseContract(s: StoreUnderTest): void {
  describe('run leases', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });
    const claim = (owner: string, slot: string, ttlMs = 60_000) => ({ sourceId: 'inbox', owner, slot, ttlMs });
    /** Past a renewal with a 1 ms ttl, on the store's clock. */
    const expire = () => s.clock.advance(30);

    it('gives one tick of a source to exactly one owner', async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1)), 'taken');
      assert.equal(await store.acquireLease(claim('b', SLOT1)), 'busy', 'held');
      await store.releaseLease('inbox', 'a');
      assert.equal(await store.acquireLease(claim('b', SLOT1)), 'spent', 'that tick already ran');
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken', 'the next tick is free');
      assert.equal(await store.acquireLease(claim('a', SLOT1)), 'spent', 'an earlier tick, even while held');
      assert.equal(await store.acquireLease({ ...claim('c', SLOT2), sourceId: 'other' }), 'taken', 'per source');
    });

    it('lets concurrent claimers of one tick win exactly once', async () => {
      const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((o) => store.acquireLease(claim(o, SLOT1))));
      assert.deepEqual(outcomes.sort(), ['busy', 'busy', 'busy', 'busy', 'taken']);
    });

    it('renews only while held, and an expired lease goes to the next tick elsewhere', async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1, 40)), 'taken');
      assert.equal(await store.renewLease('inbox', 'a', 60_000), true);
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'busy', 'renewed lease still held');
      assert.equal(await store.renewLease('inbox', 'a', 1), true);
      expire();
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken', 'expired: taken over');
      assert.equal(await store.renewLease('inbox', 'a', 40), false, 'the old owner lost it');
    });

    it('expires a lease by the store clock, not the wall clock', async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1, 60_000)), 'taken');
      s.clock.advance(59_999);
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'busy', 'held until its ttl has passed on the store clock');
      assert.equal(await store.renewLease('inbox', 'a', 60_000), true);
      s.clock.advance(59_999);
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'busy', "renewed from the store clock's now");
      s.clock.advance(2);
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken', 'expired on the store clock, though no real minute passed');
    });

    it('keeps a lease whose ttl has passed only on the wall clock', async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1, 1)), 'taken');
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'busy', 'the store clock has not moved');
      assert.equal(await store.renewLease('inbox', 'a', 1), true, 'still held');
    });

    it("marks a dead holder's run as abandoned when its lease is taken over", async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1, 1)), 'taken');
      await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
      const manual = await store.startRun('other', T0);
      expire();
      assert.equal((await store.lastRun('inbox'))?.status, 'running');
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken');
      const abandoned = await store.lastRun('inbox');
      assert.equal(abandoned?.status, 'failed');
      assert.match(abandoned?.error ?? '', /abandoned/);
      assert.equal(abandoned?.finishedAt, s.clock.now().toISOString(), "finished at the taker's time, on the store clock");
      assert.equal((await store.lastRun('other'))?.id, manual);
      assert.equal((await store.lastRun('other'))?.status, 'running', "another source's run is not touched");
    });

    it('gives a tick whose holder died running it to the next claimer of that tick, once', async () => {
      assert.equal(await store.acquireLease(claim('a', SLOT1, 1)), 'taken');
      const dead = await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
      expire();
      assert.equal(await store.acquireLease(claim('b', SLOT1)), 'retaken');
      assert.equal((await store.lastRun('inbox'))?.id, dead);
      assert.equal((await store.lastRun('inbox'))?.status, 'failed', 'the dead run is abandoned');
      assert.equal(await store.acquireLease(claim('c', SLOT1)), 'busy', 'b runs it now');
      await store.releaseLease('inbox', 'b');
      assert.equal(await store.acquireLease(claim('c', SLOT1)), 'spent', 'and then it is done');
    });

    it('lets a run outside the schedule take a free lease without using up a tick', async () => {
      const extra = (owner: string) => ({ ...claim(owner, SLOT1), slot: null });
      assert.equal(await store.acquireLease(extra('w')), 'taken', 'never claimed before');
      assert.equal(await store.acquireLease(claim('a', SLOT1)), 'busy', 'a tick waits for it');
      assert.equal(await store.acquireLease(extra('x')), 'busy', 'so does another unscheduled run');
      await store.releaseLease('inbox', 'w');
      assert.equal(await store.acquireLease(claim('a', SLOT1)), 'taken', 'the tick is still free');
      assert.equal(await store.acquireLease(extra('x')), 'busy');
      await store.releaseLease('inbox', 'a');
      assert.equal(await store.acquireLease(extra('x')), 'taken');
      await store.releaseLease('inbox', 'x');
      assert.equal(await store.acquireLease(claim('b', SLOT1)), 'spent', 'the tick stayed used');
      assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken');
    });
  });
}
