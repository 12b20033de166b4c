import assert from 'node:assert/strict';
import { JITTER_SHARE, jitterDelay, MAX_JITTER_MS } from '../../src/schedule/jitter-delay.js';

const fixed = (r: number) => () => r;

describe('jitterDelay', () => {
  it('is 0 at the bottom of the random range', () => {
    assert.equal(jitterDelay(fixed(0), 15 * 60_000), 0);
  });

  it('stays below the absolute cap for long intervals', () => {
    const top = jitterDelay(fixed(0.999999), 15 * 60_000);
    assert.ok(top < MAX_JITTER_MS && top > MAX_JITTER_MS - 100, String(top));
  });

  it('stays below a share of the interval for short schedules, so runs never slide into the next tick', () => {
    const interval = 5_000;
    const top = jitterDelay(fixed(0.999999), interval);
    assert.ok(top < interval * JITTER_SHARE, String(top));
    assert.equal(jitterDelay(fixed(0.5), interval), Math.floor(0.5 * interval * JITTER_SHARE));
  });

  it('clamps a misbehaving random source into the bounds', () => {
    assert.equal(jitterDelay(fixed(-3), 60_000), 0);
    assert.ok(jitterDelay(fixed(7), 60_000) < 60_000 * JITTER_SHARE);
  });

  it('spreads same-cron sources: 100 draws from a seeded source cover the window', () => {
    let seed = 42;
    // A tiny linear congruential generator: deterministic, so the test cannot flake.
    const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 100 }, () => jitterDelay(lcg, 60_000, 10_000));
    assert.ok(delays.every((d) => d >= 0 && d < 10_000));
    assert.ok(new Set(delays.map((d) => Math.floor(d / 1_000))).size >= 8, 'most of the ten 1-second buckets are used');
  });
});
