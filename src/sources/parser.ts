// Where the expensive parsing runs. A scraped page costs 5–100 ms to extract and a 10 MB
// page or feed seconds; done on the thread that also serves feeds, every reader would
// wait that long; so would a 5 MiB push body or a 16 MiB story file. `threadParser` runs
// it on worker threads (piscina); `inlineParser` on the calling thread, for one-shot CLI
// commands and for `parse.threads: 0`.
import { availableParallelism } from 'node:os';
import type { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { FeedParseOptions, ParsedFeed } from '../extract/feed-items.js';
import type { Listing, ListingOptions } from '../extract/html-links.js';
import type { ParsedSitemap } from '../extract/sitemap.js';
import type { Story } from '../story.js';
import { outcomeError, unwrap, type Outcome } from '../threads/outcome.js';
import { workerModule, workerPool } from '../threads/worker-pool.js';
import type { NormalizeTask, PageStoryTask, PushTask, StoryFileTask } from './parse-worker.js';

export interface Parser {
  /** An article page -> Story (extractHtml, then normalizeStory). */
  pageStory(task: PageStoryTask): Promise<Story>;
  /** Raw stories -> Stories, each or its error (normalizeStory), in order. */
  normalize(tasks: NormalizeTask[]): Promise<(Story | AppError)[]>;
  /** A listing page -> article links and the next page (findArticleLinks). */
  links(html: string, options: ListingOptions): Promise<Listing>;
  /** A feed document -> items (parseFeedItems). */
  feed(text: string, options: FeedParseOptions): Promise<ParsedFeed>;
  /** A sitemap or sitemap index (parseSitemap). */
  sitemap(xml: string, options: { url: string }): Promise<ParsedSitemap>;
  /** A push request's body -> its stories, all or none (storiesFromPush); an error without a code stays a plain Error (a 500). */
  push(task: PushTask): Promise<Story[]>;
  /** A story file -> Story (parseStoryFile). */
  storyFile(task: StoryFileTask): Promise<Story>;
  close(): Promise<void>;
}

type Task = 'pageStory' | 'normalize' | 'links' | 'feed' | 'sitemap' | 'push' | 'storyFile';

function parserOver(run: (task: Task, args: unknown) => Promise<unknown>, close: () => Promise<void>): Parser {
  const call = async <T>(task: Task, args: unknown, fallback?: null) => unwrap((await run(task, args)) as Outcome<T>, fallback);
  return {
    pageStory: (task) => call('pageStory', task),
    normalize: async (tasks) => ((await run('normalize', tasks)) as Outcome<Story>[]).map((r) => ('value' in r ? r.value : outcomeError(r.error))),
    links: (html, options) => call('links', { html, options }),
    feed: (text, options) => call('feed', { text, options }),
    sitemap: (xml, options) => call('sitemap', { xml, options }),
    push: (task) => call('push', task, null),
    storyFile: (task) => call('storyFile', task),
    close,
  };
}

/** On the calling thread. The extractors load on first use: most CLI commands never parse. */
export function inlineParser(): Parser {
  return parserOver(async (task, args) => {
    const worker = await import('./parse-worker.js');
    return (worker[task] as (a: unknown) => unknown)(args);
  }, async () => undefined);
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
  return parserOver((task, args) => pool.run(task, args), () => pool.close());
}
