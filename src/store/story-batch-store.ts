// The group-commit role of the Store: a slice of a run's stories and the story file marks
// that record them, written in one transaction. One transaction per story (and another
// per mark) cost more than everything else a cold files run does on the main thread.
import type { Story } from '../story.js';
import type { StoryFileMark } from './story-file-store.js';
import { storyContentHash, type UpsertResult } from './story-store.js';

/** A story to store, with its JSON and content hash when they were made already (a parse thread makes them). */
export interface StoryWrite {
  story: Story;
  /** JSON.stringify(story), and its storyContentHash: both or neither. */
  json?: string;
  hash?: string;
}

export interface StoryBatch {
  stories: readonly StoryWrite[];
  /** Saved after the stories, in the same transaction: a file is marked only with its story. */
  marks: readonly { sourceId: string; mark: StoryFileMark }[];
  /** The run the stories came from: recorded with each version a story's change replaces. */
  runId?: number;
}

export interface StoryBatchStore {
  /**
   * Upserts each story as upsertStory does, in order, then saves each mark, all in one
   * transaction: all or nothing. Each story's result, in order.
   */
  storeBatch(batch: StoryBatch, at: Date): Promise<UpsertResult[]>;
}

/** The story's JSON and content hash: as given, or made here. */
export function written(w: StoryWrite): [json: string, hash: string] {
  const json = w.json ?? JSON.stringify(w.story);
  return [json, w.hash ?? storyContentHash(w.story, json)];
}
