// The stories role on SQLite.
import type Database from 'better-sqlite3';
import { parseStoryRow } from '../../stored-story.js';
import type { Story, StoredStory } from '../../story.js';
import { reviseStory, storyContentHash, type StoredRevision } from '../story-revision.js';
import type { FeedState, StoryHistory, StoryQuery, StoryRow, StoryStats, StoryStore, UpsertResult, WithdrawResult } from '../story-store.js';
import { historyOf, type VersionRow } from '../story-versions.js';

export function sqliteStories(db: Database.Database): StoryStore {
  /** Prepared once: feedState runs on every feed request, and preparing costs more than the query. */
  const feedStateStatements = new Map<number, Database.Statement>();
  const listStatements = new Map<string, Database.Statement>();
  /** Prepared on first use (after migrations made the tables): preparing cost as much as the writes of a story. */
  let upsert: StoryWriter | undefined;
  let byId: Database.Statement | undefined;

  /**
   * Prepared once per shape (sources, cursor): preparing costs about as much as a small
   * read, and feeds read in chunks. One source reads straight off its index; several are
   * merged, which sorts their rows.
   */
  const listStatement = (sources: number, cursorParams: number, visible: boolean): Database.Statement => {
    const key = `${sources}:${cursorParams}:${visible}`;
    let statement = listStatements.get(key);
    if (statement) return statement;
    const before = ['', 'AND sort_date < ?', '', 'AND (sort_date < ? OR (sort_date = ? AND id < ?))'][cursorParams];
    const shown = visible ? 'AND (embargo_until IS NULL OR embargo_until <= ?)' : '';
    const branch = `SELECT data AS json, first_seen AS firstSeen, last_changed AS lastChanged, sort_date AS sortDate, id
      FROM stories WHERE source_id = ? ${before} ${shown} ORDER BY sort_date DESC, id DESC LIMIT ?`;
    statement = db.prepare(
      sources === 1
        ? branch
        : `SELECT * FROM (${Array.from({ length: sources }, () => `SELECT * FROM (${branch})`).join(' UNION ALL ')})
           ORDER BY sortDate DESC, id DESC LIMIT ?`,
    );
    listStatements.set(key, statement);
    return statement;
  };

  /**
   * Newest first per source, then merged: each source's branch walks its own index and
   * stops at `limit`, so a combined feed stays flat however many stories are stored
   * (one IN (...) query sorted every story of those sources).
   */
  const listStoryRows = async (query: StoryQuery): Promise<StoryRow[]> => {
    if (query.sourceIds.length === 0) return [];
    const cursor = query.before && query.beforeId ? [query.before, query.before, query.beforeId] : query.before ? [query.before] : [];
    const visible = query.visibleAt === undefined ? [] : [query.visibleAt];
    const statement = listStatement(query.sourceIds.length, cursor.length, visible.length > 0);
    return statement.all(
      ...query.sourceIds.flatMap((id) => [id, ...cursor, ...visible, query.limit]),
      ...(query.sourceIds.length > 1 ? [query.limit] : []),
    ) as StoryRow[];
  };

  const upsertStory = async (story: Story, at: Date, runId?: number): Promise<UpsertResult> => {
    const data = JSON.stringify(story);
    return (upsert ??= db.transaction(prepareStoryWrite(db)))(story, data, storyContentHash(story, data), at.toISOString(), runId);
  };

  return {
    upsertStory,

    async withdrawStory(sourceId: string, id: string, reason: string, at: Date, runId?: number): Promise<WithdrawResult> {
      const data = db.prepare('SELECT data FROM stories WHERE id = ? AND source_id = ?').pluck().get(id, sourceId) as string | undefined;
      if (data === undefined) return 'unknown';
      const story = { ...(JSON.parse(data) as Story), withdrawn: { at: null, reason } };
      return (await upsertStory(story, at, runId)) === 'unchanged' ? 'unchanged' : 'withdrawn';
    },

    async storyHistory(id: string): Promise<StoryHistory | null> {
      const current = db
        .prepare('SELECT source_id AS sourceId, data, first_seen AS firstSeen, last_changed AS lastChanged, embargo_until AS embargoUntil FROM stories WHERE id = ?')
        .get(id) as { sourceId: string; data: string; firstSeen: string; lastChanged: string; embargoUntil: string | null } | undefined;
      if (!current) return null;
      const rows = db
        .prepare(
          `SELECT data, stored_at AS storedAt, run_id AS runId, changes, note FROM story_versions
           WHERE story_id = ? ORDER BY seq`,
        )
        .all(id) as VersionRow[];
      return historyOf(current, rows);
    },

    async listStories(query: StoryQuery): Promise<StoredStory[]> {
      return (await listStoryRows(query)).map(parseStoryRow);
    },

    listStoryRows,

    async storyRow(id: string): Promise<StoryRow | null> {
      byId ??= db.prepare(
        'SELECT data AS json, first_seen AS firstSeen, last_changed AS lastChanged, sort_date AS sortDate, id FROM stories WHERE id = ?',
      );
      return (byId.get(id) as StoryRow | undefined) ?? null;
    },

    async countStories(sourceId: string): Promise<number> {
      return db.prepare('SELECT count(*) FROM stories WHERE source_id = ?').pluck().get(sourceId) as number;
    },

    async feedState(sourceIds: readonly string[], at?: Date): Promise<FeedState> {
      if (sourceIds.length === 0) return { version: 0, lastChanged: null };
      const key = at ? -sourceIds.length : sourceIds.length;
      let statement = feedStateStatements.get(key);
      if (!statement) {
        const marks = sourceIds.map(() => '?').join(', ');
        const state = `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS lastChanged FROM source_state WHERE source_id IN (${marks})`;
        // Each lifted embargo counts once: a held-back story joining the feed is a change.
        const lifted = `SELECT count(*) AS lifts, max(embargo_until) AS lastLift FROM stories
          WHERE source_id IN (${marks}) AND embargo_until IS NOT NULL AND embargo_until <= ?`;
        statement = db.prepare(at ? `SELECT s.version + l.lifts AS version, max(coalesce(s.lastChanged, ''), coalesce(l.lastLift, '')) AS lastChanged FROM (${state}) s, (${lifted}) l` : state);
        feedStateStatements.set(key, statement);
      }
      const row = (at ? statement.get(...sourceIds, ...sourceIds, at.toISOString()) : statement.get(...sourceIds)) as FeedState;
      return { version: row.version, lastChanged: row.lastChanged || null };
    },

    async firstServed(feedId: string, now: Date): Promise<string> {
      db.prepare('INSERT INTO feed_state (feed_id, first_served) VALUES (?, ?) ON CONFLICT (feed_id) DO NOTHING').run(feedId, now.toISOString());
      return db.prepare('SELECT first_served FROM feed_state WHERE feed_id = ?').pluck().get(feedId) as string;
    },

    async knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
      const known = new Set<string>();
      // Chunks keep each statement well under SQLite's bound-parameter limit.
      for (let i = 0; i < urls.length; i += 500) {
        const chunk = urls.slice(i, i + 500);
        const marks = chunk.map(() => '?').join(', ');
        const found = db
          .prepare(
            `SELECT url FROM stories WHERE source_id = ? AND url IN (${marks})
             UNION SELECT url FROM http_validators WHERE source_id = ? AND url IN (${marks})`,
          )
          .pluck()
          .all(sourceId, ...chunk, sourceId, ...chunk) as string[];
        for (const url of found) known.add(url);
      }
      return known;
    },

    async storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats> {
      const count = db.prepare('SELECT count(*) FROM stories WHERE source_id = ? AND first_seen >= ?').pluck();
      const perDay = db
        .prepare(
          `SELECT substr(first_seen, 1, 10) AS day, count(*) AS count FROM stories
           WHERE source_id = ? AND first_seen >= ? GROUP BY day ORDER BY day`,
        )
        .all(sourceId, since.toISOString()) as StoryStats['perDay'];
      return {
        total: count.get(sourceId, '') as number,
        last24h: count.get(sourceId, new Date(now.getTime() - 24 * 3600_000).toISOString()) as number,
        perDay,
      };
    },
  };
}

/** One story's write: the row (unless its content hash is unchanged) and the source's version. */
/** `data` and `hash`: the story's JSON and storyContentHash (a parse thread may have made them). */
export type StoryWriter = (story: Story, data: string, hash: string, now: string, runId?: number) => UpsertResult;

/**
 * The one story write, outside any transaction: upsertStory runs it in a transaction of
 * its own, a group commit (story-batch.ts) runs several in one. The row (unless nothing
 * really changed, see reviseStory), the replaced version, and the source's version.
 */
export function prepareStoryWrite(db: Database.Database): StoryWriter {
  const select = db.prepare('SELECT content_hash AS hash, data, first_seen, last_changed, embargo_until AS embargoUntil FROM stories WHERE id = ?');
  const rehash = db.prepare('UPDATE stories SET content_hash = ? WHERE id = ?');
  const update = db.prepare(
    'UPDATE stories SET url = ?, sort_date = ?, content_hash = ?, data = ?, last_changed = ?, embargo_until = ?, withdrawn_at = ? WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed, embargo_until, withdrawn_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keepVersion = db.prepare(
    `INSERT INTO story_versions (story_id, seq, source_id, data, stored_at, replaced_at, run_id, changes, note)
     SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM story_versions WHERE story_id = ?`,
  );
  const bumpVersion = db.prepare(
    `INSERT INTO source_state (source_id, version, last_changed) VALUES (?, 1, ?)
     ON CONFLICT (source_id) DO UPDATE SET version = version + 1,
       last_changed = max(coalesce(last_changed, ''), excluded.last_changed)`,
  );
  return (story, data, hash, now, runId) => {
    const existing = select.get(story.id) as (StoredRevision & { first_seen: string; last_changed: string }) | undefined;
    const r = reviseStory(existing, { story, data, hash }, now);
    if (r.kind === 'unchanged') return 'unchanged';
    if (r.kind === 'rehash') {
      rehash.run(r.hash, story.id);
      return 'unchanged';
    }
    const sortDate = r.story.published ?? existing?.first_seen ?? now;
    const withdrawnAt = r.story.withdrawn?.at ?? null;
    if (existing) {
      keepVersion.run(story.id, story.sourceId, existing.data, existing.last_changed, now, runId ?? null, JSON.stringify(r.changes), r.note, story.id);
      update.run(r.story.url, sortDate, r.hash, r.data, now, r.embargoUntil, withdrawnAt, story.id);
    } else insert.run(story.id, story.sourceId, r.story.url, sortDate, r.hash, r.data, now, now, r.embargoUntil, withdrawnAt);
    bumpVersion.run(story.sourceId, now);
    return r.kind;
  };
}
