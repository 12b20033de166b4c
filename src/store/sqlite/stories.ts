// The stories role on SQLite.
import type Database from 'better-sqlite3';
import { parseStoryRow } from '../../stored-story.js';
import type { Story, StoredStory } from '../../story.js';
import { storyContentHash, type FeedState, type StoryQuery, type StoryRow, type StoryStats, type StoryStore, type UpsertResult } from '../story-store.js';

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
  const listStatement = (sources: number, cursorParams: number): Database.Statement => {
    const key = `${sources}:${cursorParams}`;
    let statement = listStatements.get(key);
    if (statement) return statement;
    const before = ['', 'AND sort_date < ?', '', 'AND (sort_date < ? OR (sort_date = ? AND id < ?))'][cursorParams];
    const branch = `SELECT data AS json, first_seen AS firstSeen, last_changed AS lastChanged, sort_date AS sortDate, id
      FROM stories WHERE source_id = ? ${before} ORDER BY sort_date DESC, id DESC LIMIT ?`;
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
    const statement = listStatement(query.sourceIds.length, cursor.length);
    return statement.all(...query.sourceIds.flatMap((id) => [id, ...cursor, query.limit]), ...(query.sourceIds.length > 1 ? [query.limit] : [])) as StoryRow[];
  };

  return {
    async upsertStory(story: Story, at: Date): Promise<UpsertResult> {
      const data = JSON.stringify(story);
      const hash = storyContentHash(story, data);
      const now = at.toISOString();
      return (upsert ??= db.transaction(prepareStoryWrite(db)))(story, data, hash, now);
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

    async feedState(sourceIds: readonly string[]): Promise<FeedState> {
      if (sourceIds.length === 0) return { version: 0, lastChanged: null };
      let statement = feedStateStatements.get(sourceIds.length);
      if (!statement) {
        const marks = sourceIds.map(() => '?').join(', ');
        statement = db.prepare(
          `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS lastChanged FROM source_state WHERE source_id IN (${marks})`,
        );
        feedStateStatements.set(sourceIds.length, statement);
      }
      const row = statement.get(...sourceIds) as FeedState;
      return { version: row.version, lastChanged: row.lastChanged ?? null };
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
export type StoryWriter = (story: Story, data: string, hash: string, now: string) => UpsertResult;

/**
 * The one story write, outside any transaction: upsertStory runs it in a transaction of
 * its own, a group commit (story-batch.ts) runs several in one.
 */
export function prepareStoryWrite(db: Database.Database): StoryWriter {
  const select = db.prepare('SELECT content_hash, first_seen FROM stories WHERE id = ?');
  const update = db.prepare('UPDATE stories SET url = ?, sort_date = ?, content_hash = ?, data = ?, last_changed = ? WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bumpVersion = db.prepare(
    `INSERT INTO source_state (source_id, version, last_changed) VALUES (?, 1, ?)
     ON CONFLICT (source_id) DO UPDATE SET version = version + 1,
       last_changed = max(coalesce(last_changed, ''), excluded.last_changed)`,
  );
  return (story, data, hash, now) => {
    const existing = select.get(story.id) as { content_hash: string; first_seen: string } | undefined;
    if (existing?.content_hash === hash) return 'unchanged';
    const sortDate = story.published ?? existing?.first_seen ?? now;
    if (existing) update.run(story.url, sortDate, hash, data, now, story.id);
    else insert.run(story.id, story.sourceId, story.url, sortDate, hash, data, now, now);
    bumpVersion.run(story.sourceId, now);
    return existing ? 'updated' : 'new';
  };
}
