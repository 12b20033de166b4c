// Where the expensive parsing runs. A scraped page costs 5–100 ms to extract and a 10 MB
// page or feed seconds; done on the thread that also serves feeds, every reader would
// wait that long; so would a 5 MiB push body or a 16 MiB story file. `threadParser` runs
// it on worker threads (piscina); `inlineParser` on the calling thread, for one-shot CLI
// commands and for `parse.threads: 0`.
import { availableParallelism } from 'node:os';
import type { Logger } from '../log.js';
import { unwrap, type Outcome } from '../threads/outcome.js';
import { workerModule, workerPool } from '../threads/worker-pool.js';
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
 * On `threads` worker threads, started on first use and stopped after a minute idle.
 * A worker crash fails the task it ran (the run records it) and piscina replaces it.
 */
export function threadParser(threads: number, log: Logger): Parser {
  const pool = workerPool({ filename: workerModule(import.meta.url, 'parse-worker'), threads, heapMb: WORKER_HEAP_MB, log });
  return parserOver((message) => pool.run('run', message) as Promise<Outcome<unknown>>, () => pool.close());
}
