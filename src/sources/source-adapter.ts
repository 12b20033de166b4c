import type { Clock } from '../clock.js';
import type { GlobalConfig, SourceOf, SourceType } from '../config/schema.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { Logger } from '../log.js';
import type { Parser } from './parser.js';
import type { Story } from '../story.js';
import type { Store } from '../store/store.js';

/** What a source needs from the outside world; passed in, never imported. */
export interface SourceDeps {
  global: GlobalConfig;
  log: Logger;
  clock: Clock;
  /** Read access for "have we seen this URL" decisions. */
  store: Store;
  /** The polite HTTP client: every network fetch of every source goes through it. */
  http: HttpClient;
  /** Where pages, feeds and sitemaps are parsed; unset: on the calling thread (`parserOf`). */
  parser?: Parser;
  signal?: AbortSignal;
}

/**
 * One item a source produced: a story, the reason it could not become one, or an input
 * known to be unchanged since its story was stored (counted, not parsed again).
 * `ack` runs after the story is stored (a files source moves the file only then,
 * so that a crash in between loses nothing).
 */
export type Collected =
  | { ref: string; story: Story; ack?: () => Promise<void> }
  | { ref: string; error: Error; ack?: () => Promise<void> }
  | { ref: string; unchanged: true; ack?: () => Promise<void> };

export interface SourceAdapter<T extends SourceType = SourceType> {
  type: T;
  /** False for sources that only receive (push): nothing to schedule. */
  scheduled: boolean;
  collect(source: SourceOf<T>, deps: SourceDeps): AsyncIterable<Collected>;
  /**
   * Optional: calls `run` when new input may be waiting (file events), so that it need
   * not wait for the schedule. Returns a function that stops watching.
   */
  watch?(source: SourceOf<T>, deps: Pick<SourceDeps, 'log'>, run: () => Promise<unknown>): () => void;
}
