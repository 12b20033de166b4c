import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { GlobalConfig } from '../config/schema.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { Logger } from '../log.js';
import type { Story } from '../story.js';
import type { Store } from '../store/store.js';
import type { Parser } from './parser.js';

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

/** The config schema of one source type: an object with a literal `type` (the union's discriminator). */
export type SourceSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape, z.core.$strict>;

/**
 * A source type: its config schema and how it collects. Adding a type is one module that
 * exports one of these, plus its line in the registry.
 */
export interface SourceAdapter<S extends SourceSchema = SourceSchema> {
  /** Validates a `config/sources/*.yaml` file of this type (unknown keys are errors). */
  schema: S;
  /** False for sources that only receive (push): nothing to schedule. */
  scheduled: boolean;
  collect(source: z.infer<S>, deps: SourceDeps): AsyncIterable<Collected>;
  /**
   * Optional: calls `run` when new input may be waiting (file events), so that it need
   * not wait for the schedule. Returns a function that stops watching.
   */
  watch?(source: z.infer<S>, deps: Pick<SourceDeps, 'log'>, run: () => Promise<unknown>): () => void;
}
