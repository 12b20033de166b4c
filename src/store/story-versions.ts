// A story's versions as both stores read them back: the current row and the replaced
// versions (story_versions), each of which carries what replaced it.
import type { Story } from '../story.js';
import type { VersionField } from './story-revision.js';
import type { StoryHistory, StoryVersion } from './story-store.js';

/** A story_versions row: a replaced version, and when, by which run, with what changes and note it was replaced. */
export interface VersionRow {
  data: string;
  storedAt: string;
  runId: number | string | null;
  /** JSON array of VersionField. */
  changes: string;
  note: string | null;
}

export interface CurrentRow {
  sourceId: string;
  data: string;
  firstSeen: string;
  lastChanged: string;
  embargoUntil: string | null;
}

/**
 * Oldest first. A row holds a replaced version and the facts of the write that replaced
 * it, so version n+1's run, changes and note are on row n.
 */
export function historyOf(current: CurrentRow, rows: readonly VersionRow[]): StoryHistory {
  const stories = [...rows.map((r) => ({ data: r.data, storedAt: r.storedAt })), { data: current.data, storedAt: current.lastChanged }];
  const versions = stories.map((v, i): StoryVersion => {
    const by = i > 0 ? rows[i - 1]! : null;
    return {
      version: i + 1,
      story: JSON.parse(v.data) as Story,
      storedAt: v.storedAt,
      runId: by?.runId == null ? null : Number(by.runId),
      changes: by ? (JSON.parse(by.changes) as VersionField[]) : [],
      note: by?.note ?? null,
    };
  });
  return { sourceId: current.sourceId, firstSeen: current.firstSeen, embargoUntil: current.embargoUntil, versions };
}
