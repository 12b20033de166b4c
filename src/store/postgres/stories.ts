// The stories role on PostgreSQL.
import type pg from 'pg';
import { parseStoryRow } from '../../stored-story.js';
import type { Story, StoredStory } from '../../story.js';
import { storyContentHash, type FeedState, type StoryQuery, type StoryRow, type StoryStats, type StoryStore, type UpsertResult } from '../story-store.js';

export function postgresStories(pool: pg.Pool): StoryStore {
  /** Newest first per source, merged: flat cost however many stories each source has. */
  const listStoryRows = async (query: StoryQuery): Promise<StoryRow[]> => {
    if (query.sourceIds.length === 0) return [];
    const { rows } = await pool.query<StoryRow>(
      `SELECT s.data AS json, s.first_seen AS "firstSeen", s.last_changed AS "lastChanged", s.sort_date AS "sortDate", s.id
       FROM unnest($1::text[]) AS src(id)
       CROSS JOIN LATERAL (
         SELECT data, first_seen, last_changed, sort_date, id FROM stories
         WHERE source_id = src.id
           AND ($2::text IS NULL OR sort_date < $2 OR ($3::text IS NOT NULL AND sort_date = $2 AND id < $3))
         ORDER BY sort_date DESC, id DESC LIMIT $4
       ) s
       ORDER BY s.sort_date DESC, s.id DESC LIMIT $4`,
      [query.sourceIds, query.before ?? null, query.before ? (query.beforeId ?? null) : null, query.limit],
    );
    return rows;
  };

  return {
    async upsertStory(story: Story, at: Date): Promise<UpsertResult> {
      const data = JSON.stringify(story);
      return writeStory(pool, story, data, storyContentHash(story, data), at);
    },

    async listStories(query: StoryQuery): Promise<StoredStory[]> {
      return (await listStoryRows(query)).map(parseStoryRow);
    },

    listStoryRows,

    async storyRow(id: string): Promise<StoryRow | null> {
      const { rows } = await pool.query<StoryRow>(
        `SELECT data AS json, first_seen AS "firstSeen", last_changed AS "lastChanged", sort_date AS "sortDate", id FROM stories WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async countStories(sourceId: string): Promise<number> {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM stories WHERE source_id = $1', [sourceId]);
      return Number(rows[0]?.n ?? 0);
    },

    /** One primary-key lookup: cheap enough for every request of every web process. */
    async feedState(sourceIds: readonly string[]): Promise<FeedState> {
      if (sourceIds.length === 0) return { version: 0, lastChanged: null };
      const { rows } = await pool.query<{ version: string; last_changed: string | null }>(
        `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS last_changed
         FROM source_state WHERE source_id = ANY($1::text[])`,
        [sourceIds],
      );
      return { version: Number(rows[0]?.version ?? 0), lastChanged: rows[0]?.last_changed ?? null };
    },

    /** Two statements: the SELECT's own snapshot sees a row another process inserted meanwhile. */
    async firstServed(feedId: string, now: Date): Promise<string> {
      await pool.query('INSERT INTO feed_state (feed_id, first_served) VALUES ($1, $2) ON CONFLICT (feed_id) DO NOTHING', [feedId, now.toISOString()]);
      const { rows } = await pool.query<{ first_served: string }>('SELECT first_served FROM feed_state WHERE feed_id = $1', [feedId]);
      return rows[0]!.first_served;
    },

    /** One array parameter, however many URLs: no bound-parameter limit to chunk around. */
    async knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
      if (urls.length === 0) return new Set();
      const { rows } = await pool.query<{ url: string }>(
        `SELECT url FROM stories WHERE source_id = $1 AND url = ANY($2::text[])
         UNION SELECT url FROM http_validators WHERE source_id = $1 AND url = ANY($2::text[])`,
        [sourceId, urls],
      );
      return new Set(rows.map((r) => r.url));
    },

    async storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats> {
      const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
      const { rows } = await pool.query<{ day: string | null; count: string }>(
        `SELECT substr(first_seen, 1, 10) AS day, count(*) AS count FROM stories
         WHERE source_id = $1 AND first_seen COLLATE "C" >= $2 GROUP BY substr(first_seen, 1, 10) ORDER BY day`,
        [sourceId, since.toISOString()],
      );
      const counts = await pool.query<{ total: string; recent: string }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE first_seen COLLATE "C" >= $2) AS recent
         FROM stories WHERE source_id = $1`,
        [sourceId, dayAgo],
      );
      return {
        total: Number(counts.rows[0]?.total ?? 0),
        last24h: Number(counts.rows[0]?.recent ?? 0),
        perDay: rows.map((r) => ({ day: r.day ?? '', count: Number(r.count) })),
      };
    },
  };
}

/**
 * The one story write, one statement: insert, or update only when the content hash
 * differs, and bump the source version in the same statement only when a row was
 * written. Concurrent upserts of the same story serialize on its row, so the version
 * bumps once per change. On the pool, or on a transaction's client (story-batch.ts).
 */
export async function writeStory(db: pg.Pool | pg.PoolClient, story: Story, data: string, hash: string, at: Date): Promise<UpsertResult> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `WITH up AS (
       INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed)
       VALUES ($1, $2, $3, coalesce($4, $7), $5, $6, $7, $7)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, sort_date = coalesce($4, stories.first_seen),
         content_hash = excluded.content_hash, data = excluded.data, last_changed = excluded.last_changed
       WHERE stories.content_hash <> excluded.content_hash
       -- xmax = 0 only on a freshly inserted row version: tells new from updated.
       RETURNING (xmax = 0) AS inserted
     ), bump AS (
       INSERT INTO source_state (source_id, version, last_changed)
       SELECT $2, 1, $7 FROM up
       ON CONFLICT (source_id) DO UPDATE SET version = source_state.version + 1,
         last_changed = greatest(source_state.last_changed, excluded.last_changed)
     )
     SELECT inserted FROM up`,
    [story.id, story.sourceId, story.url, story.published, hash, data, at.toISOString()],
  );
  const [row] = rows;
  if (!row) return 'unchanged';
  return row.inserted ? 'new' : 'updated';
}
