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

  it('runs a tick 2 to 3 s late on a 4 s schedule, in its own slot', async () => {
    const { log, text } = capturingLogger();
    const ticks: number[] = [];
    const task = sourceCronTask('*/4 * * * * *', 'late', log, async (at) => void ticks.push(at.getTime()));
    try {
      const startedAt = Date.now();
      await task.start();
      // node-cron judges lateness in whole seconds: held until just past 2 s after the next
      // slot, the tick is 2 s late (its default drops it; 3 s if the machine is slow to
      // wake the timer), and the slot after is not due for almost 2 s more.
      // A slot due within 300 ms is let pass first: held, it would be overtaken and missed.
      if (4000 - (Date.now() % 4000) < 300) await sleep(400);
      const slot = Math.ceil(Date.now() / 4000) * 4000;
      const before = ticks.length;
      busyUntil(slot + 2_050);
      await sleep(300);
      assert.deepEqual(ticks.slice(before).map((t) => new Date(t).toISOString()), [new Date(slot).toISOString()], `the late tick ran, for its own slot (started at ${new Date(startedAt).toISOString()}); log: ${text()}`);
      assert.doesNotMatch(text(), /tick missed|cron warning/);
    } finally {
      await task.destroy();
    }
  });
});
