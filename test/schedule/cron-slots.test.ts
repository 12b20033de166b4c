// Cron slots from the expression and a given time alone. Times are built in local time,
// the zone the slots are computed in, so the cases hold in any TZ.
import assert from 'node:assert/strict';
import { createTask } from 'node-cron';
import { cronSlots } from '../../src/schedule/cron-slots.js';

const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('cronSlots', () => {
  it('finds the first slot after a time, 5- and 6-field; a slot in the same second is not after it', () => {
    const five = cronSlots('*/5 * * * *');
    assert.equal(iso(five.after(local(2026, 3, 5, 8, 3, 20))), iso(local(2026, 3, 5, 8, 5)));
    assert.equal(iso(five.after(local(2026, 3, 5, 8, 5))), iso(local(2026, 3, 5, 8, 10)));
    assert.equal(iso(five.after(local(2026, 3, 5, 8, 4, 59, 999))), iso(local(2026, 3, 5, 8, 5)));
    assert.equal(iso(five.after(local(2026, 3, 5, 8, 5, 0, 700))), iso(local(2026, 3, 5, 8, 10)));
    assert.equal(iso(five.after(local(2026, 3, 5, 23, 58))), iso(local(2026, 3, 6, 0, 0)), 'across midnight');
    const six = cronSlots('*/10 * * * * *');
    assert.equal(iso(six.after(local(2026, 3, 5, 8, 0, 5))), iso(local(2026, 3, 5, 8, 0, 10)));
    assert.equal(iso(six.after(local(2026, 3, 5, 8, 59, 55))), iso(local(2026, 3, 5, 9, 0, 0)));
  });

  it('walks to far slots: yearly, a weekday list, a nickname', () => {
    assert.equal(iso(cronSlots('0 0 1 1 *').after(local(2026, 3, 5, 8))), iso(local(2027, 1, 1)));
    // 6 March 2026 is a Friday: the next weekday 09:00 is Monday the 9th.
    assert.equal(iso(cronSlots('0 9 * * MON-FRI').after(local(2026, 3, 6, 10))), iso(local(2026, 3, 9, 9)));
    assert.equal(iso(cronSlots('@daily').after(local(2026, 3, 5, 8))), iso(local(2026, 3, 6)));
  });

  it('matches the day tokens as node-cron does: L, nW, LW, L-n, n#k, nL', () => {
    const from = local(2026, 3, 1, 1);
    assert.equal(iso(cronSlots('0 0 L * *').after(from)), iso(local(2026, 3, 31)));
    // 15 March 2026 is a Sunday: its nearest weekday is Monday the 16th.
    assert.equal(iso(cronSlots('0 0 15W * *').after(from)), iso(local(2026, 3, 16)));
    // 31 March 2026 is a Tuesday.
    assert.equal(iso(cronSlots('0 0 LW * *').after(from)), iso(local(2026, 3, 31)));
    assert.equal(iso(cronSlots('0 0 L-2 * *').after(from)), iso(local(2026, 3, 29)));
    // Mondays of March 2026: 2, 9, 16, 23, 30. Fridays: 6, 13, 20, 27.
    assert.equal(iso(cronSlots('0 0 * * 1#2').after(from)), iso(local(2026, 3, 9)));
    assert.equal(iso(cronSlots('0 0 * * 5L').after(from)), iso(local(2026, 3, 27)));
  });

  it("agrees with node-cron's own walk", () => {
    const expressions = ['*/5 * * * *', '0 */2 * * *', '30 9 * * 1-5', '0 0 1 1 *', '0 0 L * *', '0 0 15W * *', '0 12 * * 2#3', '0 0 * * 0L', '15 10 1,15 * 1', '0 0 29 2 *'];
    for (const expression of expressions) {
      const task = createTask(expression, () => {});
      try {
        // node-cron walks from the wall clock: compare from the same second.
        let now: number;
        let theirs: Date[];
        do {
          now = Date.now();
          theirs = task.getNextRuns(4);
        } while (Math.floor(Date.now() / 1000) !== Math.floor(now / 1000));
        const slots = cronSlots(expression);
        const ours: Date[] = [];
        for (let at: Date | null = new Date(now); ours.length < 4 && (at = slots.after(at)); ) ours.push(at);
        assert.deepEqual(ours.map(iso), theirs.map(iso), expression);
      } finally {
        void task.destroy();
      }
    }
  });

  it('gives the interval and the slot one interval before the next, the same for every worker', () => {
    const slots = cronSlots('*/3 * * * * *');
    const at = local(2026, 3, 5, 10, 0, 1, 500);
    assert.deepEqual(
      { ...slots.current(at), previous: iso(slots.current(at).previous), next: iso(slots.current(at).next) },
      { previous: iso(local(2026, 3, 5, 10, 0, 0)), next: iso(local(2026, 3, 5, 10, 0, 3)), intervalMs: 3000 },
    );
    const later = local(2026, 3, 5, 10, 0, 2, 999);
    assert.equal(iso(slots.current(later).previous), iso(local(2026, 3, 5, 10, 0, 0)), 'another worker a second later');
    assert.equal(cronSlots('*/15 * * * *').current(at).intervalMs, 15 * 60_000);
  });

  it('a schedule that never fires has no next slot and counts as every minute', () => {
    // Valid for node-cron, but the first of a month is never its fifth Monday.
    const never = cronSlots('0 0 1 * 1#5');
    assert.equal(never.after(local(2026, 3, 5)), null);
    assert.deepEqual(never.current(local(2026, 3, 5)), { previous: new Date(0), next: null, intervalMs: 60_000 });
  });
});
