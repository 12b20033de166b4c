// A source's cron task runs a tick that fires late (the event loop was busy), where
// node-cron's default drops every tick more than a second late.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sourceCronTask } from '../../src/schedule/cron-task.js';
import { capturingLogger } from '../hardening/log-capture.js';

/** Holds the event loop until `until` (ms since the epoch), as a long synchronous parse would. */
function busyUntil(until: number): void {
  while (Date.now() < until);
}

describe('sourceCronTask', function () {
  this.timeout(20_000);

  it('runs a tick 2 s late on a 3 s schedule, in its own slot', async () => {
    const { log, text } = capturingLogger();
    const ticks: number[] = [];
    const task = sourceCronTask('*/3 * * * * *', 'late', log, async (at) => void ticks.push(at.getTime()));
    try {
      await task.start();
      // node-cron judges lateness in whole seconds: held until 2.4 s past the next slot,
      // the tick is 2 s late (its default drops it), and the slot after is not due yet.
      const now = Date.now();
      let slot = Math.ceil(now / 3000) * 3000;
      if (slot - now < 300) slot += 3000;
      busyUntil(slot + 2_400);
      await sleep(300);
      assert.deepEqual(ticks, [slot], 'the late tick ran, for its own slot');
      assert.doesNotMatch(text(), /tick missed|cron warning/);
    } finally {
      await task.destroy();
    }
  });
});
