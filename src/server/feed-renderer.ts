// Where feed documents are filtered and rendered. `threadRenderer` does it on worker
// threads from the rows' JSON text, so the event loop only reads rows and writes bytes;
// `inlineRenderer` on the calling thread (`feeds.renderThreads: 0`, one-shot tools).
import { availableParallelism } from 'node:os';
import type { Logger } from '../log.js';
import { matchRows, renderDocument, type DocumentTask, type MatchResult, type MatchTask, type RenderedDocument } from '../publish/feed-document.js';
import { unwrap, type Outcome } from '../threads/outcome.js';
import { workerModule, workerPool } from '../threads/worker-pool.js';

export interface FeedRenderer {
  /** Which rows the filters keep (matchRows). */
  match(task: MatchTask): Promise<MatchResult>;
  /** The document's bytes and hash (renderDocument). */
  render(task: DocumentTask): Promise<RenderedDocument>;
  close(): Promise<void>;
}

export function inlineRenderer(): FeedRenderer {
  return {
    match: async (task) => matchRows(task),
    render: async (task) => renderDocument(task),
    close: async () => undefined,
  };
}

/** Render threads by default: half the cores but the event loop's, one to two (parse threads take the rest). */
export function defaultRenderThreads(): number {
  return Math.min(2, Math.max(1, Math.floor((availableParallelism() - 1) / 2)));
}

/** A page holds at most 16 Mi characters of story JSON (MAX_PAGE_CHARS): parsed and rendered, well under this. */
const WORKER_HEAP_MB = 256;

export function threadRenderer(threads: number, log: Logger): FeedRenderer {
  const pool = workerPool({ filename: workerModule(import.meta.url, 'render-worker'), threads, heapMb: WORKER_HEAP_MB, log });
  // A failure without a code stays a plain Error (a 500): a render is our own work, not the input's.
  const call = async <T>(task: string, args: unknown) => unwrap((await pool.run(task, args)) as Outcome<T>, null);
  return {
    match: (task) => call('match', task),
    render: (task) => call('render', task),
    close: () => pool.close(),
  };
}
