// The group-commit role on SQLite: one transaction, one WAL commit, for the whole batch.
import type Database from 'better-sqlite3';
import { written, type StoryBatch, type StoryBatchStore } from '../story-batch-store.js';
import type { UpsertResult } from '../story-store.js';
import { prepareStoryWrite } from './stories.js';
import { prepareMarkWrite } from './story-files.js';

export function sqliteStoryBatch(db: Database.Database): StoryBatchStore {
  /** Prepared on first use (after migrations made the tables). */
  let write: ((batch: StoryBatch, now: string) => UpsertResult[]) | undefined;
  const prepare = () => {
    const story = prepareStoryWrite(db);
    const mark = prepareMarkWrite(db);
    return db.transaction((batch: StoryBatch, now: string): UpsertResult[] => {
      const results = batch.stories.map((w) => story(w.story, ...written(w), now, batch.runId));
      for (const m of batch.marks) mark(m.sourceId, m.mark);
      return results;
    });
  };
  return {
    async storeBatch(batch: StoryBatch, at: Date): Promise<UpsertResult[]> {
      return (write ??= prepare())(batch, at.toISOString());
    },
  };
}
