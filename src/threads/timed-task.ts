// The worker side of a task's time limit (worker-pool.ts): a task writes the moment it
// starts into a buffer it shares with the pool, so the pool's limit counts the task's own
// running time, not the time it waited in the queue or for a thread to boot.
import { performance } from 'node:perf_hooks';

/** What the pool sends a timed task: its arguments and the shared start slot. */
export interface TimedMessage<A> {
  args: A;
  /** One BigInt64: the start in microseconds of `taskClockMs`, 0 until the task starts. */
  started: SharedArrayBuffer;
}

/** Milliseconds on a clock every thread of the process shares (each thread's own origin plus its monotonic time). */
export function taskClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A worker export that records its start, then runs `work`. */
export function timedTask<A, R>(work: (args: A) => R): (message: TimedMessage<A>) => R {
  return ({ args, started }) => {
    Atomics.store(new BigInt64Array(started), 0, BigInt(Math.round(taskClockMs() * 1000)));
    return work(args);
  };
}

/** The start `timedTask` recorded (ms of `taskClockMs`), or null before the task started. */
export function startedAt(started: SharedArrayBuffer): number | null {
  const micros = Atomics.load(new BigInt64Array(started), 0);
  return micros === 0n ? null : Number(micros) / 1000;
}
