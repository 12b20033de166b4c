// Reads queued at once run one per turn of the event loop: a timer due between them runs
// between them, where back to back it would wait for all of them.
import assert from 'node:assert/strict';
import { ReadTurns } from '../../src/server/read-turns.js';

describe('ReadTurns', () => {
  it('runs reads queued together one per turn, in order, with other callbacks between them', async () => {
    const turns = new ReadTurns();
    const events: string[] = [];
    const read = (i: number) => async () => {
      events.push(`read ${i}`);
      setTimeout(() => events.push(`timer after ${i}`), 0);
      const end = Date.now() + 5;
      while (Date.now() < end); // a synchronous SQLite read
      return i;
    };
    const results = await Promise.all([0, 1, 2].map((i) => turns.run(read(i))));
    assert.deepEqual(results, [0, 1, 2]);
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(events, ['read 0', 'timer after 0', 'read 1', 'timer after 1', 'read 2', 'timer after 2']);
  });

  it('goes on after a read that fails, and hands its error to its caller only', async () => {
    const turns = new ReadTurns();
    const failed = turns.run(async () => {
      throw new Error('database is locked');
    });
    const next = turns.run(async () => 'ok');
    await assert.rejects(failed, /locked/);
    assert.equal(await next, 'ok');
  });
});
