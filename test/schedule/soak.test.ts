// The retention soak, scaled down to fit the suite: 3 sources (one publishing every three
// days, so that its feed window reaches back past the retention) every 15 minutes for 14
// simulated days, stories kept 3 days and runs 2. The full run (50 sources, 60 days,
// 288,000 runs) is `npm run bench -- soak`.
import assert from 'node:assert/strict';
import { soak } from '../support/soak.js';

describe('retention soak (scaled down)', () => {
  it('keeps the store level once retention starts, and every feed window whole', async function () {
    this.timeout(600_000);
    // soak() itself fails if a feed ever lost a story inside its window (checked hourly).
    const weeks = await soak({ sources: 3, days: 14, storyDays: 3, runDays: 2 });
    assert.equal(weeks.length, 2);
    const [w1, w2] = weeks as [(typeof weeks)[0], (typeof weeks)[0]];
    assert.equal(w2.runs, 3 * 96 * 14);
    assert.ok(w1.pruned.stories > 0 && w1.pruned.runs > 0, 'retention started in the first week');
    // Level: week 2 ends within a tenth of week 1 (without retention, stories and runs would double).
    for (const table of ['stories', 'runs']) {
      const [a, b] = [w1.rows[table]!, w2.rows[table]!];
      assert.ok(Math.abs(b - a) <= a * 0.1, `${table}: ${a} -> ${b}`);
    }
    assert.ok(w2.bytes <= w1.bytes * 1.1, `bytes: ${w1.bytes} -> ${w2.bytes}`);
  });
});
