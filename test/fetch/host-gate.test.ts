// Timing is asserted on the gate's own clock. Most cases run on a virtual clock (exact
// start times, no dependence on machine load); one runs on real timers, reading the
// clock through the gate, so a busy machine can make it slower but never make it fail.
import assert from 'node:assert/strict';
import { HostGate, realGateTimer, type GateTimer } from '../../src/fetch/host-gate.js';

/**
 * Virtual time: `sleep` parks its caller; `drive` lets every promise settle, then moves
 * the clock to the earliest sleeper and wakes it, until `work` is done. `skew(ms)` makes
 * each wake-up land that far from the due time (negative: early, as a libuv timer can be
 * against the clock; positive: late, as on a loaded machine).
 */
function virtualTimer(skew: () => number = () => 0) {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const timer: GateTimer = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms + skew(), wake })),
  };
  async function drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) throw new Error('stuck: nothing asleep and the work not done');
      now = Math.max(now, next.at);
      next.wake();
    }
  }
  return { timer, drive };
}

/** Starts `n` tasks of `workMs` each on `host`; resolves with their start times, in order. */
function starts(gate: HostGate, timer: GateTimer, host: string, n: number, workMs = 5): Promise<number[]> {
  const at: number[] = [];
  const tasks = Array.from({ length: n }, () =>
    gate.run(host, async () => {
      at.push(timer.now());
      await timer.sleep(workMs);
    }),
  );
  return Promise.all(tasks).then(() => at);
}

const gaps = (at: number[]) => at.slice(1).map((t, i) => t - at[i]!);

describe('fetch: HostGate', () => {
  it('spaces the starts of requests to one host by the minimum delay', async () => {
    const { timer, drive } = virtualTimer();
    const at = await drive(starts(new HostGate(2, 40, timer), timer, 'a.example', 4));
    assert.deepEqual(at, [0, 40, 80, 120]);
  });

  it('keeps the delay when timers fire early or late (a loaded machine)', async () => {
    // Wake-ups alternate 15 ms early and 30 ms late: early ones sleep again, and a late
    // start pushes the next one back instead of squeezing it.
    let n = 0;
    const { timer, drive } = virtualTimer(() => (n++ % 2 === 0 ? -15 : 30));
    const at = await drive(starts(new HostGate(3, 40, timer), timer, 'a.example', 6, 1));
    assert.equal(at.length, 6);
    for (const gap of gaps(at)) assert.ok(gap >= 40, `gaps ${gaps(at).join(', ')} ms`);
  });

  it('spaces starts on real timers, measured on the clock the gate reads', async () => {
    let lastRead = 0;
    const timer: GateTimer = { ...realGateTimer, now: () => (lastRead = realGateTimer.now()) };
    const gate = new HostGate(2, 30, timer);
    const at: number[] = [];
    // Each task reads the gate's last reading: the one that let it start.
    await Promise.all([1, 2, 3].map(() => gate.run('a.example', async () => void at.push(lastRead))));
    for (const gap of gaps(at)) assert.ok(gap >= 30, `gaps ${gaps(at).map((g) => g.toFixed(1)).join(', ')} ms`);
  });

  it('keeps at most `concurrency` tasks in flight per host, hosts independent', async () => {
    const { timer, drive } = virtualTimer();
    const gate = new HostGate(2, 1000, timer);
    let active = 0;
    let peak = 0;
    const task = () =>
      gate.run('b.example', async () => {
        peak = Math.max(peak, ++active);
        await timer.sleep(5000);
        active -= 1;
      });
    const other = new Promise<number[]>((resolve) => setImmediate(() => resolve(starts(gate, timer, 'c.example', 1))));
    const [, otherAt] = await drive(Promise.all([Promise.all([task(), task(), task(), task(), task()]), other]));
    assert.equal(peak, 2);
    assert.deepEqual(otherAt, [0], 'another host does not wait for b.example');
  });

  it("raises a host's delay for a robots.txt Crawl-delay, never below the configured one", async () => {
    const { timer, drive } = virtualTimer();
    const gate = new HostGate(1, 20, timer);
    gate.setMinDelay('d.example', 50);
    gate.setMinDelay('e.example', 5);
    assert.deepEqual(gaps(await drive(starts(gate, timer, 'd.example', 2, 1))), [50]);
    assert.deepEqual(gaps(await drive(starts(gate, timer, 'e.example', 2, 1))), [20]);
  });
});
