// Hands the event loop back at least every few milliseconds of mostly synchronous work
// (parsing, normalizing, SQLite): a store call that resolves at once never yields, so a
// loop over 200 stories would otherwise hold the loop for its whole length while the
// server in the same process waits.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long work may hold the event loop between turns. */
export const SLICE_MS = 8;

/** A function to await between steps: it takes a turn of the event loop once `sliceMs` have passed since the last. */
export function yieldEvery(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
