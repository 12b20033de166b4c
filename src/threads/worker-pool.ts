// A pool of worker threads (piscina) for CPU-bound work that must stay off the event loop
// that serves feeds: parsing pages (src/sources/parser.ts) and rendering feeds
// (src/server/feed-renderer.ts). Threads start on first use and stop after a minute idle.
//
// Every task has a time limit on its own running time (timed-task.ts records its start):
// past it, the task's thread is terminated (a busy loop included: it runs no code of ours
// that could yield) and the task rejects with TaskTimeout; piscina starts a new thread for
// the next task, and tasks queued or running on the other threads go on.
import { Piscina } from 'piscina';
import type { Logger } from '../log.js';
import { startedAt, taskClockMs, type TimedMessage } from './timed-task.js';

export interface WorkerPool {
  /**
   * Runs the worker module's export `task` (a `timedTask`) with `args`; a worker crash rejects
   * the task it ran, and so does running longer than `limitMs` (TaskTimeout).
   */
  run(task: string, args: unknown, limitMs: number, options?: RunOptions): Promise<unknown>;
  close(): Promise<void>;
}

export interface RunOptions {
  /**
   * Waiting tasks start lowest first (0, the default, first of all; equal ones in order).
   * A task with a priority above 0 may be refused while it waits (PoolBusy): see `maxWaitingLow`.
   */
  priority?: number;
}

/** How long one task ran: reported for every task that started, ended by itself or by its limit. */
export interface TaskReport {
  task: string;
  /** From the task's own start to its end, or to the moment its thread was terminated. */
  ranMs: number;
  limitMs: number;
  timedOut: boolean;
}

export interface WorkerPoolOptions {
  /** The worker module, from `workerModule`. */
  filename: string;
  threads: number;
  /** Old-generation heap of one thread: work that would eat the memory kills its thread, not the process. */
  heapMb: number;
  log: Logger;
  onTask?: (report: TaskReport) => void;
  /**
   * Tasks with a priority above 0 that may wait at once; one more, and the waiting task
   * with the highest priority number is refused (PoolBusy), so that a flood of costly
   * work can neither starve the rest nor pile up in memory. Unset: no limit.
   */
  maxWaitingLow?: number;
}

/** A waiting task was refused to make room (WorkerPoolOptions.maxWaitingLow). */
export class PoolBusy extends Error {
  constructor(readonly task: string) {
    super(`${task}: too much costlier work waiting; try again later`);
    this.name = 'PoolBusy';
  }
}

/** A task ran past its limit; its thread was terminated and will be replaced. */
export class TaskTimeout extends Error {
  constructor(
    readonly task: string,
    readonly limitMs: number,
  ) {
    super(`${task} took longer than ${limitMs} ms; its thread was stopped`);
    this.name = 'TaskTimeout';
  }
}

interface Waiter {
  priority: number;
  resolve: () => void;
  reject: () => void;
}

export function workerPool(o: WorkerPoolOptions): WorkerPool {
  let pool: Piscina | undefined;
  // Tasks wait here, not in piscina's queue: piscina starts a thread only when a task is
  // submitted, so a task queued there when its threads were stopped would wait for the next
  // submission. Submitted only when a thread is free (or may start), every task starts.
  let running = 0;
  /** By priority, then arrival. */
  const waiting: Waiter[] = [];
  const acquire = (task: string, priority: number) => {
    if (running < o.threads) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const at = waiting.findIndex((w) => w.priority > priority);
      waiting.splice(at < 0 ? waiting.length : at, 0, { priority, resolve, reject: () => reject(new PoolBusy(task)) });
      if (o.maxWaitingLow !== undefined && waiting.filter((w) => w.priority > 0).length > o.maxWaitingLow) waiting.pop()!.reject();
    });
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next.resolve(); // the slot passes on
    else running -= 1;
  };
  return {
    async run(task, args, limitMs, options = {}) {
      await acquire(task, options.priority ?? 0);
      try {
        return await runTimed(task, args, limitMs);
      } finally {
        release();
      }
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };

  async function runTimed(task: string, args: unknown, limitMs: number): Promise<unknown> {
    if (!pool) {
      pool = new Piscina({ filename: o.filename, minThreads: 0, maxThreads: o.threads, idleTimeout: 60_000, resourceLimits: { maxOldGenerationSizeMb: o.heapMb } });
      pool.on('error', (err: unknown) => o.log.error({ err }, 'worker thread failed'));
    }
    const started = new SharedArrayBuffer(8);
    const abort = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    // Not started yet (its thread is still booting): look again a limit later. Started: wake at its end.
    const watch = () => {
      const at = startedAt(started);
      const left = at === null ? limitMs : at + limitMs - taskClockMs();
      if (at !== null && left <= 0) {
        timedOut = true;
        return abort.abort();
      }
      timer = setTimeout(watch, Math.max(1, Math.ceil(left))).unref();
    };
    watch();
    const message: TimedMessage<unknown> = { args, started };
    try {
      return await pool.run(message, { name: task, signal: abort.signal });
    } catch (err) {
      if (timedOut) {
        o.log.warn({ task, limitMs }, 'worker task timed out; thread replaced');
        throw new TaskTimeout(task, limitMs);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      const at = startedAt(started);
      if (at !== null) o.onTask?.({ task, ranMs: taskClockMs() - at, limitMs, timedOut });
    }
  }
}

/**
 * The worker module `name` beside `callerUrl` (the caller's import.meta.url). Built, that
 * is `<name>.js`; from TypeScript sources a worker thread does not inherit the parent's tsx
 * loader, so it starts at `<name>-tsx.mjs`, which registers tsx and re-exports `<name>.ts`.
 */
export function workerModule(callerUrl: string, name: string): string {
  return new URL(callerUrl.endsWith('.ts') ? `./${name}-tsx.mjs` : `./${name}.js`, callerUrl).href;
}
