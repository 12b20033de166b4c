// A worker module for the pool's tests: a task that never ends by itself, and one that
// answers at once. Loaded by worker-pool.test.ts through busy-worker-tsx.mjs.
import { timedTask } from '../../src/threads/timed-task.js';

/** Spins until the thread is stopped: no await, no I/O, nothing that could let it go. */
export const spin = timedTask((): number => {
  let n = 0;
  for (;;) n = (n + 1) % 1_000_000;
});

export const echo = timedTask((value: string): string => value);
