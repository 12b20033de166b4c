import assert from 'node:assert/strict';
import { yieldEvery } from '../src/yield-every.js';

/** Holds the thread `ms` milliseconds, as parsing or a synchronous store call does. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('yieldEvery', () => {
  it('lets the event loop turn while a loop of synchronous steps runs past its slice', async () => {
    let turns = 0;
    let stop = false;
    const count = () => {
      turns += 1;
      if (!stop) setImmediate(count);
    };
    setImmediate(count);
    const yieldIfDue = yieldEvery(8);
    for (let i = 0; i < 40; i++) {
      busy(1);
      await yieldIfDue();
    }
    stop = true;
    // Awaiting a promise that resolves at once never lets setImmediate run: only the yields do.
    assert.ok(turns >= 3, `the event loop turned ${turns} times in 40 ms of work`);
  });

  it('does not yield before its slice has passed', async () => {
    let turns = 0;
    const immediate = setImmediate(() => (turns += 1));
    const yieldIfDue = yieldEvery(10_000);
    for (let i = 0; i < 1000; i++) await yieldIfDue();
    assert.equal(turns, 0, 'a thousand quick steps took no turn of the event loop');
    clearImmediate(immediate);
  });
});
