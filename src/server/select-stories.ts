// Reads the stories of one feed page from the store: filters, filter_time and the
// before= cursor applied, one story more than the limit to know if a next page exists.
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors.js';
import type { StoryCursor } from '../publish/feed-query.js';
import type { StoryPredicate } from '../publish/story-filter.js';
import type { StoredStory } from '../story.js';
import { sortDate, type Store } from '../store/store.js';

export interface Selection {
  stories: StoredStory[];
  /** Cursor of the next (older) page, when there is one. */
  next: StoryCursor | null;
}

export interface SelectOptions {
  sourceIds: readonly string[];
  limit: number;
  before?: StoryCursor;
  filter: StoryPredicate | null;
  /** Stories dated before this (ISO) are out (filter_time); the list is date-ordered, so reading stops there. */
  notBefore?: string;
  /** How many stored stories a filtered page may read at most. */
  maxScan?: number;
  /** Milliseconds of filter work a request may spend (hostile-regex guard). */
  budgetMs?: number;
}

export async function selectStories(store: Pick<Store, 'listStories'>, o: SelectOptions): Promise<Selection> {
  const batch = o.filter ? Math.max(100, o.limit * 2) : o.limit + 1;
  const maxScan = o.maxScan ?? 5000;
  const deadline = performance.now() + (o.budgetMs ?? 200);
  const kept: StoredStory[] = [];
  let cursor = o.before;
  for (let scanned = 0; scanned < maxScan; ) {
    const rows = await store.listStories({ sourceIds: o.sourceIds, limit: batch, before: cursor?.sortDate, beforeId: cursor?.id });
    for (const row of rows) {
      if (o.notBefore && sortDate(row) < o.notBefore) return { stories: kept, next: null };
      if (o.filter && performance.now() > deadline) {
        throw new AppError('FILTER_TOO_SLOW', 'filter took too long; use a simpler pattern');
      }
      if (o.filter && !o.filter(row)) continue;
      if (kept.length === o.limit) return { stories: kept, next: cursorOf(kept[kept.length - 1]!) };
      kept.push(row);
    }
    scanned += rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < batch || !last) break;
    cursor = cursorOf(last);
  }
  return { stories: kept, next: null };
}

export function cursorOf(s: StoredStory): StoryCursor {
  return { sortDate: sortDate(s), id: s.story.id };
}
