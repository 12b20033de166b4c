import assert from 'node:assert/strict';
import { HostGate } from '../../src/fetch/host-gate.js';

// Start times are taken inside the gate, so machine load cannot shrink the measured gaps.
async function starts(gate: HostGate, host: string, n: number, workMs = 5): Promise<number[]> {
  const at: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      gate.run(host, async () => {
        at.push(performance.now());
        await new Promise((r) => setTimeout(r, workMs));
      }),
    ),
  );
  return at.sort((a, b) => a - b);
}

describe('fetch: HostGate', () => {
  it('spaces the starts of requests to one host by the minimum delay', async () => {
    const at = await starts(new HostGate(2, 40), 'a.example', 3);
    for (let i = 1; i < at.length; i++) assert.ok(at[i]! - at[i - 1]! >= 38, `gap ${(at[i]! - at[i - 1]!).toFixed(1)} ms`);
  });

  it('keeps at most `concurrency` tasks in flight per host, hosts independent', async () => {
    const gate = new HostGate(2, 0);
    let active = 0;
    let peak = 0;
    const task = () =>
      gate.run('b.example', async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 10));
        active -= 1;
      });
    await Promise.all([task(), task(), task(), task(), task()]);
    assert.equal(peak, 2);
    const other = await starts(gate, 'c.example', 2, 1);
    assert.ok(other[1]! - other[0]! < 30, 'another host does not wait');
  });

  it("raises a host's delay for a robots.txt Crawl-delay", async () => {
    const gate = new HostGate(1, 0);
    gate.setMinDelay('d.example', 50);
    const at = await starts(gate, 'd.example', 2, 1);
    assert.ok(at[1]! - at[0]! >= 48, `gap ${(at[1]! - at[0]!).toFixed(1)} ms`);
  });
});
