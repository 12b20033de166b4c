// The retention role on SQLite. Each prune is one DELETE of at most `limit` rows found
// through an index, so the single writer is held for milliseconds; the caller yields
// between batches (src/schedule/prune-job.ts).
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { RetentionStore, RowPrune, StoreSize, StoryPrune } from '../retention-store.js';
import { STORE_TABLES } from '../store-tables.js';

export function sqliteRetention(db: Database.Database): RetentionStore {
  return {
    async pruneStories(p: StoryPrune): Promise<number> {
      // The oldest story that must stay: every story at or after it (feed order) stays.
      const floor =
        p.keepNewest > 0
          ? (db
              .prepare('SELECT sort_date AS sortDate, id FROM stories WHERE source_id = ? ORDER BY sort_date DESC, id DESC LIMIT 1 OFFSET ?')
              .get(p.sourceId, p.keepNewest - 1) as { sortDate: string; id: string } | undefined)
          : { sortDate: '\uffff', id: '' };
      if (!floor) return 0;
      const candidates = `SELECT s.id FROM stories s
        WHERE s.source_id = @source AND (s.sort_date < @floorDate OR (s.sort_date = @floorDate AND s.id < @floorId))
          AND s.sort_date < @before AND s.last_changed < @before
          AND NOT EXISTS (SELECT 1 FROM story_files f WHERE f.source_id = s.source_id AND f.story_id = s.id)
        ORDER BY s.sort_date, s.id LIMIT @limit`;
      const params = { source: p.sourceId, floorDate: floor.sortDate, floorId: floor.id, before: p.before, limit: p.limit };
      return db.transaction(() => {
        // The same batch both times (one order, one transaction): a story's versions go with it.
        db.prepare(`DELETE FROM story_versions WHERE story_id IN (${candidates})`).run(params);
        const { changes } = db.prepare(`DELETE FROM stories WHERE id IN (${candidates})`).run(params);
        // A page further back (before=) shows fewer stories now: its cached body must go.
        if (changes > 0) db.prepare('UPDATE source_state SET version = version + 1 WHERE source_id = ?').run(p.sourceId);
        return changes;
      })();
    },

    pruneStoryVersions: rowPrune(
      db,
      `DELETE FROM story_versions WHERE rowid IN (
           SELECT rowid FROM story_versions WHERE source_id = @source AND replaced_at < @before LIMIT @limit)`,
    ),

    pruneRuns: rowPrune(
      db,
      `DELETE FROM runs WHERE id IN (
           SELECT id FROM runs
           WHERE source_id = @source AND started_at < @before AND status <> 'running'
             AND id < (SELECT coalesce(max(id), 0) FROM runs WHERE source_id = @source AND status = 'ok')
           ORDER BY id LIMIT @limit)`,
    ),

    pruneValidators: rowPrune(
      db,
      `DELETE FROM http_validators WHERE rowid IN (
           SELECT v.rowid FROM http_validators v
           WHERE v.source_id = @source AND v.checked_at < @before
             AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.source_id = v.source_id AND s.url = v.url)
           LIMIT @limit)`,
    ),

    pruneHealthEvents: rowPrune(
      db,
      `DELETE FROM health_events WHERE id IN (
           SELECT id FROM health_events
           WHERE source_id = @source AND at < @before
             AND id < (SELECT max(id) FROM health_events WHERE source_id = @source)
           ORDER BY id LIMIT @limit)`,
    ),

    async storedSourceIds(): Promise<string[]> {
      return db.prepare('SELECT source_id FROM source_state UNION SELECT DISTINCT source_id FROM runs ORDER BY 1').pluck().all() as string[];
    },

    async storeSize(): Promise<StoreSize> {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pages = db.pragma('page_count', { simple: true }) as number;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      const rows: Record<string, number> = {};
      for (const t of STORE_TABLES) rows[t.name] = db.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number;
      return { bytes: pages * pageSize + walBytes(db), freeBytes: free * pageSize, rows };
    },

    async reclaimSpace(maxBytes: number): Promise<number> {
      if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) return 0;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const before = db.pragma('freelist_count', { simple: true }) as number;
      if (before === 0) return 0;
      db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(maxBytes / pageSize))})`);
      return (before - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
    },
  };
}

/**
 * One batch DELETE of at most `limit` rows of a source older than `before`; its SQL names
 * @source, @before and @limit. Prepared on first use: the store's tables exist by then.
 */
function rowPrune(db: Database.Database, sql: string): (p: RowPrune) => Promise<number> {
  let statement: Database.Statement | undefined;
  return async (p) => (statement ??= db.prepare(sql)).run({ source: p.sourceId, before: p.before, limit: p.limit }).changes;
}

/** PRAGMA auto_vacuum: 2 is INCREMENTAL (0 NONE, 1 FULL). */
export const INCREMENTAL = 2;

function walBytes(db: Database.Database): number {
  if (db.memory) return 0;
  try {
    return statSync(`${db.name}-wal`).size;
  } catch {
    return 0;
  }
}
