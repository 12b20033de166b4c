// The runs role: one row per run, its tick and owner, and the stats backoff reads.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/store.js';
import { SLOT1, SLOT2, T0, T1, type StoreUnderTest } from './store-under-test.js';

export function runContract(s: StoreUnderTest): void {
  describe('runs', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('records one row per run with counts and error', async () => {
      const id = await store.startRun('inbox', T0);
      assert.equal((await store.lastRun('inbox'))?.status, 'running');
      await store.finishRun(id, T1, { new: 2, updated: 1, failed: 1, error: null });
      assert.deepEqual(await store.lastRun('inbox'), {
        id,
        sourceId: 'inbox',
        startedAt: T0.toISOString(),
        finishedAt: T1.toISOString(),
        status: 'ok',
        new: 2,
        updated: 1,
        failed: 1,
        error: null,
      });
      const failed = await store.startRun('inbox', T1);
      await store.finishRun(failed, T1, { new: 0, updated: 0, failed: 0, error: 'folder missing' });
      assert.equal((await store.lastRun('inbox'))?.status, 'failed');
      assert.equal((await store.lastRun('inbox'))?.error, 'folder missing');
      assert.equal(await store.lastRun('nobody'), null);
      assert.equal(await store.lastSuccess('inbox'), T1.toISOString(), 'the last ok run, not the failed one');
      assert.equal(await store.lastSuccess('nobody'), null);
    });

    it('counts runs and failures since the last success', async () => {
      assert.deepEqual(await store.runStats('inbox'), { runs: 0, consecutiveFailures: 0 });
      const finish = async (error: string | null) =>
        store.finishRun(await store.startRun('inbox', T0), T1, { new: 0, updated: 0, failed: 0, error });
      await finish('boom');
      await finish(null);
      await finish('boom');
      await finish('boom again');
      await store.startRun('inbox', T1);
      assert.deepEqual(await store.runStats('inbox'), { runs: 5, consecutiveFailures: 2 }, 'the running run counts, not as a failure');
      await finish(null);
      assert.deepEqual(await store.runStats('inbox'), { runs: 6, consecutiveFailures: 0 }, 'reset by a success');
      assert.deepEqual(await store.runStats('other'), { runs: 0, consecutiveFailures: 0 });
    });

    it('records runs outside the schedule with their owner and without a slot', async () => {
      await store.startRun('inbox', T0, { slot: null, owner: 'a' });
      await store.startRun('inbox', T0, { slot: null, owner: 'b' });
      assert.equal((await store.runStats('inbox')).runs, 2);
    });

    it('refuses a second run row for the same source and tick', async () => {
      await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
      await assert.rejects(store.startRun('inbox', T0, { slot: SLOT1, owner: 'b' }));
      await store.startRun('inbox', T1, { slot: SLOT2, owner: 'b' });
      await store.startRun('inbox', T1);
      await store.startRun('inbox', T1);
    });
  });
}
