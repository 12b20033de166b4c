// A stored story as the store hands it over, the Story still JSON text, and its parsing:
// feeds parse on a render thread, and publish parses without depending on the store.
import type { Story, StoredStory } from './story.js';

/** The JSON text of a stored Story and its bookkeeping dates, as a store row holds them. */
export interface StoredStoryText {
  json: string;
  firstSeen: string;
  lastChanged: string;
}

export function parseStoryRow(row: StoredStoryText): StoredStory {
  return { story: JSON.parse(row.json) as Story, firstSeen: row.firstSeen, lastChanged: row.lastChanged };
}
