// What each role's contract tests get from the store suite: a fresh, migrated store per
// test, and the clock it was opened with (leases expire by it; tests move it).
import type { fixedClock } from '../../../src/clock.js';
import type { Store } from '../../../src/store/store.js';

export interface StoreUnderTest {
  store: Store;
  clock: ReturnType<typeof fixedClock>;
}

export const T0 = new Date('2026-03-04T10:00:00.000Z');
export const T1 = new Date('2026-03-04T11:00:00.000Z');

/** Two scheduled ticks of one source. */
export const SLOT1 = '2026-03-04T10:00:00.000Z';
export const SLOT2 = '2026-03-04T10:00:03.000Z';
