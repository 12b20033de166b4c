// The retention role on PostgreSQL: the same batches as on SQLite; space comes back by
// autovacuum (deleted rows' room is reused), so reclaimSpace has nothing to do.
import type pg from 'pg';
import type { RetentionStore, RowPrune, StoreSize, StoryPrune } from '../retention-store.js';
import { STORE_TABLES } from '../store-tables.js';
import { transaction } from './transaction.js';

export function postgresRetention(pool: pg.Pool): RetentionStore {
  return {
    async pruneStories(p: StoryPrune): Promise<number> {
      return transaction(pool, async (db) => {
        const floor =
          p.keepNewest > 0
            ? (
                await db.query<{ sortDate: string; id: string }>(
                  'SELECT sort_date AS "sortDate", id FROM stories WHERE source_id = $1 ORDER BY sort_date DESC, id DESC LIMIT 1 OFFSET $2',
                  [p.sourceId, p.keepNewest - 1],
                )
              ).rows[0]
            : { sortDate: '\uffff', id: '' };
        if (!floor) return 0;
        const candidates = `SELECT s.id FROM stories s
           WHERE s.source_id = $1 AND (s.sort_date < $2 OR (s.sort_date = $2 AND s.id < $3))
             AND s.sort_date < $4 AND s.last_changed COLLATE "C" < $4
             AND NOT EXISTS (SELECT 1 FROM story_files f WHERE f.source_id = s.source_id AND f.story_id = s.id)
           ORDER BY s.sort_date, s.id LIMIT $5`;
        const params = [p.sourceId, floor.sortDate, floor.id, p.before, p.limit];
        // The same batch both times (one order, one transaction): a story's versions go with it.
        await db.query(`DELETE FROM story_versions WHERE story_id IN (${candidates})`, params);
        const { rowCount } = await db.query(`DELETE FROM stories WHERE id IN (${candidates})`, params);
        const changes = rowCount ?? 0;
        if (changes > 0) await db.query('UPDATE source_state SET version = version + 1 WHERE source_id = $1', [p.sourceId]);
        return changes;
      });
    },

    pruneStoryVersions: rowPrune(
      pool,
      `DELETE FROM story_versions WHERE (story_id, seq) IN (
           SELECT story_id, seq FROM story_versions WHERE source_id = $1 AND replaced_at COLLATE "C" < $2 LIMIT $3)`,
    ),

    pruneRuns: rowPrune(
      pool,
      `DELETE FROM runs WHERE id IN (
           SELECT id FROM runs
           WHERE source_id = $1 AND started_at COLLATE "C" < $2 AND status <> 'running'
             AND id < (SELECT coalesce(max(id), 0) FROM runs WHERE source_id = $1 AND status = 'ok')
           ORDER BY id LIMIT $3)`,
    ),

    pruneValidators: rowPrune(
      pool,
      `DELETE FROM http_validators WHERE (source_id, url) IN (
           SELECT v.source_id, v.url FROM http_validators v
           WHERE v.source_id = $1 AND v.checked_at COLLATE "C" < $2
             AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.source_id = v.source_id AND s.url = v.url)
           LIMIT $3)`,
    ),

    pruneHealthEvents: rowPrune(
      pool,
      `DELETE FROM health_events WHERE id IN (
           SELECT id FROM health_events
           WHERE source_id = $1 AND at COLLATE "C" < $2
             AND id < (SELECT max(id) FROM health_events WHERE source_id = $1)
           ORDER BY id LIMIT $3)`,
    ),

    async storedSourceIds(): Promise<string[]> {
      const { rows } = await pool.query<{ id: string }>('SELECT source_id AS id FROM source_state UNION SELECT DISTINCT source_id FROM runs ORDER BY 1');
      return rows.map((r) => r.id);
    },

    async storeSize(): Promise<StoreSize> {
      const { rows } = await pool.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      const counts: Record<string, number> = {};
      for (const t of STORE_TABLES) {
        const r = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.name}"`);
        counts[t.name] = Number(r.rows[0]?.n ?? 0);
      }
      return { bytes: Number(rows[0]?.bytes ?? 0), freeBytes: 0, rows: counts };
    },

    async reclaimSpace(): Promise<number> {
      return 0;
    },
  };
}

/** One batch DELETE of at most `limit` rows of a source older than `before`: its SQL takes $1 source, $2 before, $3 limit. */
function rowPrune(pool: pg.Pool, sql: string): (p: RowPrune) => Promise<number> {
  return async (p) => (await pool.query(sql, [p.sourceId, p.before, p.limit])).rowCount ?? 0;
}
