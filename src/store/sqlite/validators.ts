// The validators role on SQLite: conditional-GET validators per source and URL.
import type Database from 'better-sqlite3';
import type { Validators, ValidatorStore } from '../../fetch/validators.js';

export function sqliteValidators(db: Database.Database): ValidatorStore {
  return {
    async getValidators(sourceId: string, url: string): Promise<Validators | null> {
      const row = db
        .prepare('SELECT etag, last_modified AS lastModified, checked_at AS checkedAt, body_hash AS bodyHash FROM http_validators WHERE source_id = ? AND url = ?')
        .get(sourceId, url) as Validators | undefined;
      return row ?? null;
    },

    async saveValidators(sourceId: string, url: string, v: Validators): Promise<void> {
      db.prepare(
        `INSERT INTO http_validators (source_id, url, etag, last_modified, checked_at, body_hash) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           checked_at = excluded.checked_at, body_hash = excluded.body_hash`,
      ).run(sourceId, url, v.etag, v.lastModified, v.checkedAt, v.bodyHash ?? null);
    },
  };
}
