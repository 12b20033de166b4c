import assert from 'node:assert/strict';
import { backoffDelay, backoffUntil } from '../../src/schedule/backoff-delay.js';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 30_000 };

  it('doubles with each consecutive failure and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy));
    assert.deepEqual(delays, [0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('stays finite and capped after very many failures', () => {
    assert.equal(backoffDelay(10_000, policy), 30_000);
  });

  it('resets: no failures means no wait', () => {
    assert.equal(backoffDelay(0, policy), 0);
    assert.equal(backoffUntil(0, new Date('2026-03-05T08:00:00Z'), policy), null);
  });

  it('counts the wait from when the last run finished', () => {
    const until = backoffUntil(3, new Date('2026-03-05T08:00:00.000Z'), policy);
    assert.equal(until?.toISOString(), '2026-03-05T08:00:04.000Z');
  });

  it('defaults to one minute doubling up to one hour', () => {
    assert.equal(backoffDelay(1), 60_000);
    assert.equal(backoffDelay(20), 3_600_000);
  });
});
