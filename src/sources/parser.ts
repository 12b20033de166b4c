// Where the expensive parsing runs. A scraped page costs 5–100 ms to extract and a 10 MB
// page or feed seconds; done on the thread that also serves feeds, every reader would
// wait that long; so would a 5 MiB push body or a 16 MiB story file. `threadParser` runs
// it on worker threads (piscina); `inlineParser` on the calling thread, for one-shot CLI
// commands and for `parse.threads: 0`.
import { availableParallelism } from 'node:os';
import type { Logger } from '../log.js';
import { unwrap, type Outcome } from '../threads/outcome.js';
import { TaskTimeout, workerModule, workerPool, type TaskReport } from '../threads/worker-pool.js';
import { PARSE_TASKS, type ParseMessage, type ParseTask, type ParseTasks } from './parse-tasks.js';
import { run as runParseTask } from './parse-worker.js';

/** One async method per parse task (parse-tasks.ts), typed from the task itself. */
export type Parser = { [K in ParseTask]: (arg: Parameters<ParseTasks[K]>[0]) => Promise<ReturnType<ParseTasks[K]>> } & {
  close(): Promise<void>;
};

function parserOver(run: (message: ParseMessage) => Promise<Outcome<unknown>>, close: () => Promise<void>): Parser {
  const methods = Object.keys(PARSE_TASKS).map((name) => {
    const task = name as ParseTask;
    // A push body's error without a code is a bug (a 500); a page's is that page's PARSE_FAILED.
    return [task, async (arg: unknown) => unwrap(await run({ task, arg }), task === 'push' ? null : 'PARSE_FAILED')];
  });
  return { ...Object.fromEntries(methods), close } as Parser;
}

/** On the calling thread. */
export function inlineParser(): Parser {
  return parserOver(async (message) => runParseTask(message), async () => undefined);
}

/** Heap of one parse thread: a 10 MB page parses in well under 200 MB. */
const WORKER_HEAP_MB = 512;

/** What a source uses: its deps' parser, or the calling thread. */
export function parserOf(deps: { parser?: Parser }): Parser {
  return deps.parser ?? (sharedInline ??= inlineParser());
}
let sharedInline: Parser | undefined;

/** Threads by default: one fewer than the cores (the event loop keeps one), at least one, at most four. */
export function defaultParseThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/**
 * Longest a parse task may run: a 10 MB page extracts in a few seconds. Past it the
 * task's thread is stopped and replaced, and only that page (or push) fails.
 */
export const PARSE_TASK_LIMIT_MS = 20_000;

export interface ThreadParserOptions {
  /** Time limit of a parse task (PARSE_TASK_LIMIT_MS), or one per task (tests give one page a short one). */
  limitMs?: number | ((message: ParseMessage) => number);
  /** Every task's running time. */
  onTask?: (report: TaskReport) => void;
}

/**
 * On `threads` worker threads, started on first use and stopped after a minute idle.
 * A worker crash or a task past `limitMs` fails the task it ran (the run records it) and
 * piscina replaces the thread.
 */
export function threadParser(threads: number, log: Logger, options: ThreadParserOptions = {}): Parser {
  const limitOf = typeof options.limitMs === 'function' ? options.limitMs : () => (options.limitMs as number | undefined) ?? PARSE_TASK_LIMIT_MS;
  const pool = workerPool({ filename: workerModule(import.meta.url, 'parse-worker'), threads, heapMb: WORKER_HEAP_MB, log, onTask: options.onTask });
  const run = async (message: ParseMessage) => {
    const limitMs = limitOf(message);
    try {
      return (await pool.run('timedRun', message, limitMs)) as Outcome<unknown>;
    } catch (err) {
      if (!(err instanceof TaskTimeout)) throw err;
      return { error: { code: 'PARSE_FAILED' as const, message: `${message.task}: parsing took longer than ${limitMs / 1000} s; stopped` } };
    }
  };
  return parserOver(run, () => pool.close());
}
