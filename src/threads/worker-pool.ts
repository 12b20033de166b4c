// A pool of worker threads (piscina) for CPU-bound work that must stay off the event loop
// that serves feeds: parsing pages (src/sources/parser.ts) and rendering feeds
// (src/server/feed-renderer.ts). Threads start on first use and stop after a minute idle.
import { Piscina } from 'piscina';
import type { Logger } from '../log.js';

export interface WorkerPool {
  /** Runs the worker module's export `task` with `args`; a worker crash rejects the task it ran. */
  run(task: string, args: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** The worker module, from `workerModule`. */
  filename: string;
  threads: number;
  /** Old-generation heap of one thread: work that would eat the memory kills its thread, not the process. */
  heapMb: number;
  log: Logger;
}

export function workerPool(o: WorkerPoolOptions): WorkerPool {
  let pool: Piscina | undefined;
  return {
    run(task, args) {
      if (!pool) {
        pool = new Piscina({ filename: o.filename, minThreads: 0, maxThreads: o.threads, idleTimeout: 60_000, resourceLimits: { maxOldGenerationSizeMb: o.heapMb } });
        pool.on('error', (err: unknown) => o.log.error({ err }, 'worker thread failed'));
      }
      return pool.run(args, { name: task }) as Promise<unknown>;
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/**
 * The worker module `name` beside `callerUrl` (the caller's import.meta.url). Built, that
 * is `<name>.js`; from TypeScript sources a worker thread does not inherit the parent's tsx
 * loader, so it starts at `<name>-tsx.mjs`, which registers tsx and re-exports `<name>.ts`.
 */
export function workerModule(callerUrl: string, name: string): string {
  return new URL(callerUrl.endsWith('.ts') ? `./${name}-tsx.mjs` : `./${name}.js`, callerUrl).href;
}
