// The story-file marks role on PostgreSQL.
import type pg from 'pg';
import type { KnownStoryFile, StoryFileMark, StoryFileStore } from '../story-file-store.js';

export function postgresStoryFiles(pool: pg.Pool): StoryFileStore {
  return {
    async storyFileMarks(sourceId: string): Promise<KnownStoryFile[]> {
      const { rows } = await pool.query<KnownStoryFile>(
        `SELECT f.name, f.stat, f.stat_trusted AS "statTrusted", f.parser, f.file_hash AS "fileHash", f.story_id AS "storyId",
                f.story_hash AS "storyHash", coalesce(s.content_hash = f.story_hash, false) AS current,
                f.missing_since AS "missingSince"
         FROM story_files f LEFT JOIN stories s ON s.id = f.story_id WHERE f.source_id = $1`,
        [sourceId],
      );
      return rows;
    },

    async saveStoryFileMark(sourceId: string, m: StoryFileMark): Promise<void> {
      await writeMark(pool, sourceId, m);
    },

    async forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void> {
      if (names.length === 0) return;
      await pool.query('DELETE FROM story_files WHERE source_id = $1 AND name = ANY($2::text[])', [sourceId, names]);
    },

    async setStoryFilesMissing(sourceId: string, names: readonly string[], since: Date | null): Promise<void> {
      if (names.length === 0) return;
      await pool.query('UPDATE story_files SET missing_since = $3 WHERE source_id = $1 AND name = ANY($2::text[])', [
        sourceId,
        names,
        since?.toISOString() ?? null,
      ]);
    },
  };
}

/** The one mark write: alone, or in a group commit with the stories it marks (story-batch.ts). */
export async function writeMark(db: pg.Pool | pg.PoolClient, sourceId: string, m: StoryFileMark): Promise<void> {
  await db.query(
    `INSERT INTO story_files (source_id, name, stat, stat_trusted, parser, file_hash, story_id, story_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (source_id, name) DO UPDATE SET stat = excluded.stat, stat_trusted = excluded.stat_trusted,
       parser = excluded.parser, file_hash = excluded.file_hash, story_id = excluded.story_id, story_hash = excluded.story_hash,
       missing_since = NULL`,
    [sourceId, m.name, m.stat, m.statTrusted, m.parser, m.fileHash, m.storyId, m.storyHash],
  );
}
