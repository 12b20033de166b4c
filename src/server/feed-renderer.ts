// Where feed documents are filtered and rendered. `threadRenderer` does it on worker
// threads from the rows' JSON text, so the event loop only reads rows and writes bytes;
// `inlineRenderer` on the calling thread (`feeds.renderThreads: 0`, one-shot tools).
import { availableParallelism } from 'node:os';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { matchRows, renderDocument, type DocumentTask, type MatchResult, type MatchTask, type RenderedDocument } from '../publish/feed-document.js';
import { unwrap, type Outcome } from '../threads/outcome.js';
import { PoolBusy, TaskTimeout, workerModule, workerPool, type TaskReport } from '../threads/worker-pool.js';

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

/** Time limits of a render thread's tasks (worker-pool.ts); past them the thread is stopped and replaced. */
export interface RenderLimits {
  /** A match task may run its filter budget plus this: the budget is checked before each search, and one search is short (story-filter.ts). */
  matchMarginMs: number;
  /** A render task: a page is at most MAX_PAGE_CHARS of stories, which renders in well under a second. */
  renderMs: number;
}

export const RENDER_LIMITS: RenderLimits = { matchMarginMs: 500, renderMs: 10_000 };

/** Filter tasks waiting for a render thread at once; one more and the costliest waiting is refused (503 FILTER_BUSY). */
export const MAX_WAITING_FILTERS = 8;

export interface ThreadRendererOptions {
  limits?: RenderLimits;
  /** Every task's running time (tests, metrics). */
  onTask?: (report: TaskReport) => void;
}

export function threadRenderer(threads: number, log: Logger, options: ThreadRendererOptions = {}): FeedRenderer {
  const limits = options.limits ?? RENDER_LIMITS;
  // Filter work waits behind renders, costlier patterns behind cheaper ones, and only so
  // much of it waits at once: a flood of hostile patterns delays itself, not other feeds.
  const pool = workerPool({ filename: workerModule(import.meta.url, 'render-worker'), threads, heapMb: WORKER_HEAP_MB, log, onTask: options.onTask, maxWaitingLow: MAX_WAITING_FILTERS });
  // A failure without a code stays a plain Error (a 500): a render is our own work, not the input's.
  const call = async <T>(task: string, args: unknown, limitMs: number, priority: number, timeout: () => AppError) => {
    try {
      return unwrap((await pool.run(task, args, limitMs, { priority })) as Outcome<T>, null);
    } catch (err) {
      if (err instanceof PoolBusy) throw new AppError('FILTER_BUSY', 'too much filter work waiting; try again later');
      throw err instanceof TaskTimeout ? timeout() : err;
    }
  };
  return {
    match: (task) =>
      call<MatchResult>('match', task, Math.max(0, task.budgetMs) + limits.matchMarginMs, 1 + (task.filter.cost ?? 0), () => new AppError('FILTER_TOO_SLOW', 'filter took too long; use a simpler pattern')),
    render: (task) =>
      call<RenderedDocument>('render', task, limits.renderMs, 0, () => new AppError('RENDER_TIMEOUT', `rendering the feed took longer than ${limits.renderMs / 1000} s; try again or ask for fewer items`)),
    close: () => pool.close(),
  };
}
