// The validators role on PostgreSQL: conditional-GET validators per source and URL.
import type pg from 'pg';
import type { Validators, ValidatorStore } from '../../fetch/validators.js';

export function postgresValidators(pool: pg.Pool): ValidatorStore {
  return {
    async getValidators(sourceId: string, url: string): Promise<Validators | null> {
      const { rows } = await pool.query<Validators>(
        `SELECT etag, last_modified AS "lastModified", checked_at AS "checkedAt", body_hash AS "bodyHash" FROM http_validators
         WHERE source_id = $1 AND url = $2`,
        [sourceId, url],
      );
      return rows[0] ?? null;
    },

    async saveValidators(sourceId: string, url: string, v: Validators): Promise<void> {
      await pool.query(
        `INSERT INTO http_validators (source_id, url, etag, last_modified, checked_at, body_hash) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           checked_at = excluded.checked_at, body_hash = excluded.body_hash`,
        [sourceId, url, v.etag, v.lastModified, v.checkedAt, v.bodyHash ?? null],
      );
    },
  };
}
