// The group-commit role on PostgreSQL: the batch's statements in one transaction on one
// connection, so that a batch costs one commit.
import type pg from 'pg';
import { written, type StoryBatch, type StoryBatchStore } from '../story-batch-store.js';
import type { UpsertResult } from '../story-store.js';
import { writeStory } from './stories.js';
import { writeMark } from './story-files.js';
import { transaction } from './transaction.js';

export function postgresStoryBatch(pool: pg.Pool): StoryBatchStore {
  return {
    async storeBatch(batch: StoryBatch, at: Date): Promise<UpsertResult[]> {
      const [only] = batch.stories;
      // One statement is its own transaction: no BEGIN and COMMIT round trips around it.
      if (only && batch.stories.length === 1 && batch.marks.length === 0) return [await writeStory(pool, only.story, ...written(only), at, batch.runId)];
      return transaction(pool, async (db) => {
        const results: UpsertResult[] = [];
        for (const w of batch.stories) results.push(await writeStory(db, w.story, ...written(w), at, batch.runId));
        for (const m of batch.marks) await writeMark(db, m.sourceId, m.mark);
        return results;
      });
    },
  };
}

