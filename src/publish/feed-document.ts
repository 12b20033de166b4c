// A feed document from stored rows: the work of a render thread (src/server/feed-renderer.ts).
// A full-text feed is 50 to 500 stories of 10 to 200 KB each; parsing their JSON,
// filtering and rendering them costs tens of milliseconds, which the event loop serving
// every other request must not spend. Everything here is pure data in, data out, so that
// it crosses a thread boundary as it is.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FeedConfig } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { StoryRow } from '../store/store.js';
import { parseStoryRow } from '../stored-story.js';
import type { FeedDefinition } from './feed-definitions.js';
import { buildFeedModel, type FeedModelOptions } from './build-feed-model.js';
import type { FeedQuery } from './feed-query.js';
import { renderPreviewPage } from './preview-page.js';
import { renderFeed } from './render-feed.js';
import { allOf, configFilter, queryFilter } from './story-filter.js';

/** The filters of one feed request, as data: a combined feed's config and the ?filter= family. */
export interface FilterSpec {
  config: Pick<FeedConfig, 'include' | 'exclude'>;
  query: Pick<FeedQuery, 'include' | 'exclude' | 'caseSensitive'>;
  /** The query patterns' compiled size (queryFilterCost): costlier filter work waits behind cheaper work for a thread. */
  cost?: number;
}

/** Rows as a feed reads them: the story JSON and its two stored dates. */
export type DocumentRow = Pick<StoryRow, 'json' | 'firstSeen' | 'lastChanged'>;

export interface MatchTask {
  rows: readonly DocumentRow[];
  filter: FilterSpec;
  /** Stop after this many matches: the page needs no more. */
  want: number;
  /** Milliseconds of filter work left to the request (hostile-regex guard). */
  budgetMs: number;
}

export interface MatchResult {
  /** Per row, in order; rows after the `want`th match are not looked at (false). */
  keep: boolean[];
  /** Milliseconds of filter work spent: the request's budget counts work, not time queued for a thread. */
  spentMs: number;
}

/** Which rows the filters keep. */
export function matchRows(task: MatchTask): MatchResult {
  const start = performance.now();
  const deadline = start + task.budgetMs;
  // Checked before every search of one pattern in one field, not only between stories:
  // a story has many fields and a query many patterns (story-filter.ts bounds one search).
  const check = () => {
    if (performance.now() > deadline) throw new AppError('FILTER_TOO_SLOW', 'filter took too long; use a simpler pattern');
  };
  const predicate = allOf(configFilter(task.filter.config, check), queryFilter(task.filter.query, check));
  const keep = task.rows.map(() => false);
  let found = 0;
  for (const [i, row] of task.rows.entries()) {
    if (found === task.want) break;
    check();
    keep[i] = predicate === null || predicate(parseStoryRow(row));
    if (keep[i]) found += 1;
  }
  return { keep, spentMs: performance.now() - start };
}

export interface DocumentTask {
  def: FeedDefinition;
  rows: readonly DocumentRow[];
  options: FeedModelOptions;
  /** The feed in `options.format`, or its HTML preview page. */
  view?: 'feed' | 'preview';
}

export interface RenderedDocument {
  /** UTF-8 bytes, in a buffer of their own (it may be transferred between threads). */
  bytes: Uint8Array;
  /** Strong validator of the bytes: base64url SHA-256, 27 characters. */
  hash: string;
  /** The model's `updated` (ms): Last-Modified. */
  updatedMs: number;
}

export function renderDocument(task: DocumentTask): RenderedDocument {
  const stories = task.rows.map((row) => parseStoryRow(row));
  const model = buildFeedModel(task.def, stories, task.options);
  const text = task.view === 'preview' ? renderPreviewPage(model) : renderFeed(model, task.options.format);
  return renderedDocument(text, model.updated.getTime());
}

/** A rendered text as bytes with its validator (feeds and story pages alike). */
export function renderedDocument(text: string, updatedMs: number): RenderedDocument {
  // TextEncoder, not Buffer.from: small Buffers share a pooled slab, which cannot be transferred.
  const bytes = new TextEncoder().encode(text);
  return { bytes, hash: createHash('sha256').update(bytes).digest('base64url').slice(0, 27), updatedMs };
}
