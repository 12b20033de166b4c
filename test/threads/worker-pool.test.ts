// Every task of a worker pool has a time limit on its own running time: a task that never
// ends is stopped (its thread terminated and replaced), only that task fails, and the
// pool's other threads and the tasks after it go on. Time spent queued does not count.
import assert from 'node:assert/strict';
import { silentLogger } from '../../src/log.js';
import { PoolBusy, TaskTimeout, workerModule, workerPool, type TaskReport } from '../../src/threads/worker-pool.js';

describe('worker pool time limits', function () {
  this.timeout(120_000);

  it('stops a task past its limit, fails only that task, and serves the next tasks on a new thread', async () => {
    const reports: TaskReport[] = [];
    const pool = workerPool({ filename: workerModule(import.meta.url, 'busy-worker'), threads: 2, heapMb: 64, log: silentLogger(), onTask: (r) => reports.push(r) });
    try {
      assert.equal(await pool.run('echo', 'warm', 60_000), 'warm'); // a thread booted: boot time is not a task's
      const stuck = pool.run('spin', null, 300);
      // Meanwhile the other thread answers, and answers again after the stuck one is stopped.
      const others = Promise.all(Array.from({ length: 5 }, (_, i) => pool.run('echo', `o${i}`, 60_000)));
      await assert.rejects(stuck, (err: unknown) => err instanceof TaskTimeout && err.task === 'spin' && err.limitMs === 300);
      assert.deepEqual(await others, ['o0', 'o1', 'o2', 'o3', 'o4']);
      // Two more stuck tasks on a two-thread pool: both threads are replaced, and the pool still works.
      const results = await Promise.allSettled([pool.run('spin', null, 300), pool.run('spin', null, 300), pool.run('echo', 'after', 60_000)]);
      assert.ok(results[0].status === 'rejected' && results[0].reason instanceof TaskTimeout);
      assert.ok(results[1].status === 'rejected' && results[1].reason instanceof TaskTimeout);
      assert.deepEqual(results[2], { status: 'fulfilled', value: 'after' }, 'queued behind two stuck tasks, it ran once a thread was replaced');
      const spins = reports.filter((r) => r.task === 'spin');
      assert.equal(spins.length, 3);
      // Stopped when the limit passed: the pool's own measure of the task's running time,
      // with a hang guard's margin for a loaded machine's late timers.
      for (const r of spins) assert.ok(r.timedOut && r.ranMs >= 300 && r.ranMs < 300 + 5_000, `spin ran ${r.ranMs} ms`);
      assert.ok(reports.filter((r) => r.task === 'echo').every((r) => !r.timedOut));
    } finally {
      await pool.close();
    }
  });

  it('starts waiting tasks by priority, and refuses the costliest waiting one past maxWaitingLow', async () => {
    const pool = workerPool({ filename: workerModule(import.meta.url, 'busy-worker'), threads: 1, heapMb: 64, log: silentLogger(), maxWaitingLow: 2 });
    try {
      await pool.run('echo', 'warm', 60_000);
      const order: string[] = [];
      const run = (value: string, priority: number) => pool.run('echo', value, 60_000, { priority }).then((v) => void order.push(v as string));
      const busy = pool.run('spin', null, 500).catch((err: unknown) => assert.ok(err instanceof TaskTimeout));
      const costly1 = run('costly-1', 300);
      const costly2 = run('costly-2', 300);
      const cheap = run('cheap', 9);
      const first = run('render', 0);
      await assert.rejects(costly2, (err: unknown) => err instanceof PoolBusy, 'three low-priority tasks waiting: the costliest, latest one is refused');
      await Promise.all([busy, costly1, cheap, first]);
      assert.deepEqual(order, ['render', 'cheap', 'costly-1']);
    } finally {
      await pool.close();
    }
  });
});
