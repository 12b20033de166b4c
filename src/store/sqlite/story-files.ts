// The story-file marks role on SQLite.
import type Database from 'better-sqlite3';
import type { KnownStoryFile, StoryFileMark, StoryFileStore } from '../story-file-store.js';

export function sqliteStoryFiles(db: Database.Database): StoryFileStore {
  /** Prepared on first use (after migrations): a files run saves one mark per stored story. */
  let saveMark: MarkWriter | undefined;
  return {
    async storyFileMarks(sourceId: string): Promise<KnownStoryFile[]> {
      const rows = db
        .prepare(
          `SELECT f.name, f.stat, f.stat_trusted AS statTrusted, f.parser, f.file_hash AS fileHash, f.story_id AS storyId,
                  f.story_hash AS storyHash, coalesce(s.content_hash = f.story_hash, 0) AS current,
                  f.missing_since AS missingSince
           FROM story_files f LEFT JOIN stories s ON s.id = f.story_id WHERE f.source_id = ?`,
        )
        .all(sourceId) as (Omit<KnownStoryFile, 'statTrusted' | 'current'> & { statTrusted: number; current: number })[];
      return rows.map((r) => ({ ...r, statTrusted: r.statTrusted === 1, current: r.current === 1 }));
    },

    async saveStoryFileMark(sourceId: string, m: StoryFileMark): Promise<void> {
      (saveMark ??= prepareMarkWrite(db))(sourceId, m);
    },

    async forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void> {
      const forget = db.prepare('DELETE FROM story_files WHERE source_id = ? AND name = ?');
      db.transaction(() => {
        for (const name of names) forget.run(sourceId, name);
      })();
    },

    async setStoryFilesMissing(sourceId: string, names: readonly string[], since: Date | null): Promise<void> {
      const mark = db.prepare('UPDATE story_files SET missing_since = ? WHERE source_id = ? AND name = ?');
      db.transaction(() => {
        for (const name of names) mark.run(since?.toISOString() ?? null, sourceId, name);
      })();
    },
  };
}

export type MarkWriter = (sourceId: string, mark: StoryFileMark) => void;

/** The one mark write: alone, or in a group commit with the stories it marks (story-batch.ts). */
export function prepareMarkWrite(db: Database.Database): MarkWriter {
  const save = db.prepare(
    `INSERT INTO story_files (source_id, name, stat, stat_trusted, parser, file_hash, story_id, story_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source_id, name) DO UPDATE SET stat = excluded.stat, stat_trusted = excluded.stat_trusted,
       parser = excluded.parser, file_hash = excluded.file_hash, story_id = excluded.story_id, story_hash = excluded.story_hash,
       missing_since = NULL`,
  );
  return (sourceId, m) => {
    save.run(sourceId, m.name, m.stat, m.statTrusted ? 1 : 0, m.parser, m.fileHash, m.storyId, m.storyHash);
  };
}
