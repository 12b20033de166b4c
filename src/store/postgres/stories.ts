// The stories role on PostgreSQL.
import type pg from 'pg';
import { parseStoryRow } from '../../stored-story.js';
import type { Story, StoredStory } from '../../story.js';
import { reviseStory, storyContentHash, type IncomingStory, type StoredRevision } from '../story-revision.js';
import type { FeedState, StoryHistory, StoryQuery, StoryRow, StoryStats, StoryStore, UpsertResult, WithdrawResult } from '../story-store.js';
import { historyOf, type CurrentRow, type VersionRow } from '../story-versions.js';
import { transaction } from './transaction.js';

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
           AND ($5::text IS NULL OR embargo_until IS NULL OR embargo_until <= $5)
         ORDER BY sort_date DESC, id DESC LIMIT $4
       ) s
       ORDER BY s.sort_date DESC, s.id DESC LIMIT $4`,
      [query.sourceIds, query.before ?? null, query.before ? (query.beforeId ?? null) : null, query.limit, query.visibleAt ?? null],
    );
    return rows;
  };

  return {
    async upsertStory(story: Story, at: Date, runId?: number): Promise<UpsertResult> {
      const data = JSON.stringify(story);
      return writeStory(pool, story, data, storyContentHash(story, data), at, runId);
    },

    async withdrawStory(sourceId: string, id: string, reason: string, at: Date, runId?: number): Promise<WithdrawResult> {
      const { rows } = await pool.query<{ data: string }>('SELECT data FROM stories WHERE id = $1 AND source_id = $2', [id, sourceId]);
      if (!rows[0]) return 'unknown';
      const story = { ...(JSON.parse(rows[0].data) as Story), withdrawn: { at: null, reason } };
      const data = JSON.stringify(story);
      return (await writeStory(pool, story, data, storyContentHash(story, data), at, runId)) === 'unchanged' ? 'unchanged' : 'withdrawn';
    },

    async storyHistory(id: string): Promise<StoryHistory | null> {
      const current = await pool.query<CurrentRow>(
        `SELECT source_id AS "sourceId", data, first_seen AS "firstSeen", last_changed AS "lastChanged", embargo_until AS "embargoUntil"
         FROM stories WHERE id = $1`,
        [id],
      );
      if (!current.rows[0]) return null;
      const { rows } = await pool.query<VersionRow>(
        `SELECT data, stored_at AS "storedAt", run_id AS "runId", changes, note FROM story_versions WHERE story_id = $1 ORDER BY seq`,
        [id],
      );
      return historyOf(current.rows[0], rows);
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

    /** Primary-key lookups (and the embargo index with `at`): cheap enough for every request of every web process. */
    async feedState(sourceIds: readonly string[], at?: Date): Promise<FeedState> {
      if (sourceIds.length === 0) return { version: 0, lastChanged: null };
      if (!at) {
        const { rows } = await pool.query<{ version: string; last_changed: string | null }>(
          `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS last_changed
           FROM source_state WHERE source_id = ANY($1::text[])`,
          [sourceIds],
        );
        return { version: Number(rows[0]?.version ?? 0), lastChanged: rows[0]?.last_changed ?? null };
      }
      // Each lifted embargo counts once: a held-back story joining the feed is a change.
      const { rows } = await pool.query<{ version: string; last_changed: string | null }>(
        `SELECT s.version + l.lifts AS version, nullif(greatest(coalesce(s.last_changed, ''), coalesce(l.last_lift, '')), '') AS last_changed
         FROM (SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS last_changed
               FROM source_state WHERE source_id = ANY($1::text[])) s,
              (SELECT count(*) AS lifts, max(embargo_until) AS last_lift FROM stories
               WHERE source_id = ANY($1::text[]) AND embargo_until IS NOT NULL AND embargo_until <= $2) l`,
        [sourceIds, at.toISOString()],
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
export async function writeStory(db: pg.Pool | pg.PoolClient, story: Story, data: string, hash: string, at: Date, runId?: number): Promise<UpsertResult> {
  // A pool client is already in the caller's transaction (a group commit); a pool gets one of its own.
  if ('release' in db) return writeStoryIn(db, { story, data, hash }, at.toISOString(), runId ?? null);
  return transaction(db, (client) => writeStoryIn(client, { story, data, hash }, at.toISOString(), runId ?? null));
}

/**
 * The row is read FOR UPDATE, so concurrent writes of one story serialize on it and each
 * real change keeps its previous version once. A story first written by two processes at
 * once: the loser's insert waits for the winner's commit, does nothing, and reads again
 * (each statement of a READ COMMITTED transaction sees what was committed before it).
 */
async function writeStoryIn(db: pg.PoolClient, given: IncomingStory, now: string, runId: number | null): Promise<UpsertResult> {
  const { story } = given;
  for (;;) {
    const { rows } = await db.query<StoredRevision & { first_seen: string; last_changed: string }>(
      `SELECT content_hash AS hash, data, first_seen, last_changed, embargo_until AS "embargoUntil" FROM stories WHERE id = $1 FOR UPDATE`,
      [story.id],
    );
    const existing = rows[0];
    const r = reviseStory(existing, given, now);
    if (r.kind === 'unchanged') return 'unchanged';
    if (r.kind === 'rehash') {
      await db.query('UPDATE stories SET content_hash = $1 WHERE id = $2', [r.hash, story.id]);
      return 'unchanged';
    }
    const withdrawnAt = r.story.withdrawn?.at ?? null;
    if (existing) {
      await db.query(
        `INSERT INTO story_versions (story_id, seq, source_id, data, stored_at, replaced_at, run_id, changes, note)
         SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM story_versions WHERE story_id = $1`,
        [story.id, story.sourceId, existing.data, existing.last_changed, now, runId, JSON.stringify(r.changes), r.note],
      );
      await db.query(
        `UPDATE stories SET url = $1, sort_date = coalesce($2, first_seen), content_hash = $3, data = $4, last_changed = $5,
           embargo_until = $6, withdrawn_at = $7 WHERE id = $8`,
        [r.story.url, r.story.published, r.hash, r.data, now, r.embargoUntil, withdrawnAt, story.id],
      );
    } else {
      const inserted = await db.query(
        `INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed, embargo_until, withdrawn_at)
         VALUES ($1, $2, $3, coalesce($4, $7), $5, $6, $7, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [story.id, story.sourceId, r.story.url, r.story.published, r.hash, r.data, now, r.embargoUntil, withdrawnAt],
      );
      if (inserted.rowCount === 0) continue;
    }
    await db.query(
      `INSERT INTO source_state (source_id, version, last_changed) VALUES ($1, 1, $2)
       ON CONFLICT (source_id) DO UPDATE SET version = source_state.version + 1,
         last_changed = greatest(source_state.last_changed, excluded.last_changed)`,
      [story.sourceId, now],
    );
    return r.kind;
  }
}
