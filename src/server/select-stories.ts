// Reads the rows of one feed page from the store: filters, filter_time and the before=
// cursor applied, one row more than the limit to know if a next page exists. Rows stay
// unparsed: filters run where the renderer runs (feed-renderer.ts), off the event loop.
import { AppError } from '../errors.js';
import type { MatchResult } from '../publish/feed-document.js';
import type { StoryCursor } from '../publish/feed-query.js';
import type { Store, StoryRow } from '../store/store.js';

export interface Selection {
  rows: StoryRow[];
  /** Cursor of the next (older) page, when there is one. */
  next: StoryCursor | null;
}

/** Which of `rows` a filter keeps, looking no further than the `want`th match; `budgetMs`: filter work left. */
export type RowMatcher = (rows: StoryRow[], want: number, budgetMs: number) => Promise<MatchResult>;

export interface SelectOptions {
  sourceIds: readonly string[];
  limit: number;
  before?: StoryCursor;
  /** Null when the feed has no filter. */
  match: RowMatcher | null;
  /** Rows dated before this (ISO) are out (filter_time); the list is date-ordered, so reading stops there. */
  notBefore?: string;
  /** Stories held back by an embargo later than this (ISO) are left out (StoryQuery.visibleAt). */
  visibleAt?: string;
  /** How many stored stories a page may read (filters skip rows); past it the page is short, with a next link. */
  maxScan?: number;
  /** Milliseconds of filter work a request may spend (hostile-regex guard). */
  budgetMs?: number;
  /** Characters of story JSON a page may hold (at least one story); past it the page is short, with a next link. */
  maxPageChars?: number;
}

/**
 * A page's stories, counted as their stored JSON: 500 full-text stories near the story size
 * limit would be gigabytes, beyond what a render thread's heap or a feed reader takes.
 * Pages of ordinary stories (10 to 200 KB each) never come near it.
 */
export const MAX_PAGE_CHARS = 16 * 1024 * 1024;

/**
 * Rows per read. A full-text row is 10 to 200 KB, and a read is one synchronous SQLite
 * call (or one pg result parse): 100 such rows held the event loop for 20 ms and more.
 * The feed routes give each read of 25 a turn of its own (read-turns.ts).
 */
export const READ_CHUNK = 25;

export async function selectStories(store: Pick<Store, 'listStoryRows'>, o: SelectOptions): Promise<Selection> {
  // Unfiltered, one row more than the limit tells whether there is a next page.
  const chunk = o.match ? READ_CHUNK : Math.min(READ_CHUNK, o.limit + 1);
  const maxScan = o.maxScan ?? 5000;
  let budgetMs = o.budgetMs ?? 200;
  const maxChars = o.maxPageChars ?? MAX_PAGE_CHARS;
  let chars = 0;
  const kept: StoryRow[] = [];
  let cursor = o.before;
  for (let scanned = 0; ; ) {
    const rows = await store.listStoryRows({ sourceIds: o.sourceIds, limit: chunk, before: cursor?.sortDate, beforeId: cursor?.id, visibleAt: o.visibleAt });
    const tooOld = o.notBefore === undefined ? -1 : rows.findIndex((r) => r.sortDate < o.notBefore!);
    const candidates = tooOld < 0 ? rows : rows.slice(0, tooOld);
    let keep: boolean[] | null = null;
    if (o.match && candidates.length > 0) {
      if (budgetMs <= 0) throw new AppError('FILTER_TOO_SLOW', 'filter took too long; use a simpler pattern');
      const result = await o.match(candidates, o.limit + 1 - kept.length, budgetMs);
      keep = result.keep;
      budgetMs -= result.spentMs;
    }
    for (const [i, row] of candidates.entries()) {
      if (keep && !keep[i]) continue;
      const full = kept.length === o.limit || (kept.length > 0 && chars + row.json.length > maxChars);
      if (full) return { rows: kept, next: cursorOf(kept[kept.length - 1]!) };
      kept.push(row);
      chars += row.json.length;
    }
    if (tooOld >= 0) break;
    scanned += rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < chunk || !last) break;
    cursor = cursorOf(last);
    // Read enough: a short page, and its next link goes on from the last story read.
    if (scanned >= maxScan) return { rows: kept, next: cursor };
  }
  return { rows: kept, next: null };
}

export function cursorOf(row: Pick<StoryRow, 'sortDate' | 'id'>): StoryCursor {
  return { sortDate: row.sortDate, id: row.id };
}
