import pg from 'pg';
import type { Story, StoredStory } from '../story.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import type { FeedState, LeaseClaim, RunCounts, RunRecord, RunStats, RunTick, Store, StoryFileMark, StoryQuery, StoryRow, StoryStats, UpsertResult, Validators } from './store.js';
import { leaseOutcome, parseStoryRow, storyContentHash, type LeaseOutcome } from './store.js';

// Any fixed number: every `migrate` takes this advisory lock, so concurrent releases queue.
const MIGRATE_LOCK = 0x77697265;

const ABANDONED = 'abandoned: the worker running it lost its lease (stopped or died)';

/**
 * PostgreSQL store (pg): many web and worker processes share one database. Every write
 * that must not race is one statement or one transaction, so that processes need no
 * other coordination.
 */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its connection must not crash the process: the pool drops
    // it and the next query opens a new one (or fails with the real error).
    this.pool.on('error', () => {});
  }

  async migrate(): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)');
      const applied = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of POSTGRES_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await db.query(m.sql);
        await db.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
      }
    });
  }

  /**
   * One statement: insert, or update only when the content hash differs, and bump the
   * source version in the same statement only when a row was written. Concurrent
   * upserts of the same story serialize on its row, so the version bumps once per change.
   */
  async upsertStory(story: Story, at: Date): Promise<UpsertResult> {
    const data = JSON.stringify(story);
    const hash = storyContentHash(story, data);
    const { rows } = await this.pool.query<{ inserted: boolean }>(
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

  /** Newest first per source, merged: flat cost however many stories each source has. */
  async listStories(query: StoryQuery): Promise<StoredStory[]> {
    return (await this.listStoryRows(query)).map(parseStoryRow);
  }

  async listStoryRows(query: StoryQuery): Promise<StoryRow[]> {
    if (query.sourceIds.length === 0) return [];
    const { rows } = await this.pool.query<StoryRow>(
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
  }

  async countStories(sourceId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM stories WHERE source_id = $1', [sourceId]);
    return Number(rows[0]?.n ?? 0);
  }

  /** One primary-key lookup: cheap enough for every request of every web process. */
  async feedState(sourceIds: readonly string[]): Promise<FeedState> {
    if (sourceIds.length === 0) return { version: 0, lastChanged: null };
    const { rows } = await this.pool.query<{ version: string; last_changed: string | null }>(
      `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS last_changed
       FROM source_state WHERE source_id = ANY($1::text[])`,
      [sourceIds],
    );
    return { version: Number(rows[0]?.version ?? 0), lastChanged: rows[0]?.last_changed ?? null };
  }

  async startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO runs (source_id, started_at, status, slot, owner) VALUES ($1, $2, 'running', $3, $4) RETURNING id`,
      [sourceId, at.toISOString(), tick?.slot ?? null, tick?.owner ?? null],
    );
    return Number(rows[0]!.id);
  }

  async finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void> {
    await this.pool.query(
      'UPDATE runs SET finished_at = $1, status = $2, new = $3, updated = $4, failed = $5, error = $6 WHERE id = $7',
      [at.toISOString(), result.error ? 'failed' : 'ok', result.new, result.updated, result.failed, result.error, runId],
    );
  }

  async lastRun(sourceId: string): Promise<RunRecord | null> {
    const { rows } = await this.pool.query<Omit<RunRecord, 'id'> & { id: string }>(
      `SELECT id, source_id AS "sourceId", started_at AS "startedAt", finished_at AS "finishedAt", status,
              new, updated, failed, error
       FROM runs WHERE source_id = $1 ORDER BY id DESC LIMIT 1`,
      [sourceId],
    );
    const row = rows[0];
    return row ? { ...row, id: Number(row.id) } : null;
  }

  async getValidators(sourceId: string, url: string): Promise<Validators | null> {
    const { rows } = await this.pool.query<Validators>(
      `SELECT etag, last_modified AS "lastModified", checked_at AS "checkedAt", body_hash AS "bodyHash" FROM http_validators
       WHERE source_id = $1 AND url = $2`,
      [sourceId, url],
    );
    return rows[0] ?? null;
  }

  async saveValidators(sourceId: string, url: string, v: Validators): Promise<void> {
    await this.pool.query(
      `INSERT INTO http_validators (source_id, url, etag, last_modified, checked_at, body_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         checked_at = excluded.checked_at, body_hash = excluded.body_hash`,
      [sourceId, url, v.etag, v.lastModified, v.checkedAt, v.bodyHash ?? null],
    );
  }

  /** One array parameter, however many URLs: no bound-parameter limit to chunk around. */
  async knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    if (urls.length === 0) return new Set();
    const { rows } = await this.pool.query<{ url: string }>(
      `SELECT url FROM stories WHERE source_id = $1 AND url = ANY($2::text[])
       UNION SELECT url FROM http_validators WHERE source_id = $1 AND url = ANY($2::text[])`,
      [sourceId, urls],
    );
    return new Set(rows.map((r) => r.url));
  }

  async lastSuccess(sourceId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ finished_at: string }>(
      `SELECT finished_at FROM runs WHERE source_id = $1 AND status = 'ok' ORDER BY id DESC LIMIT 1`,
      [sourceId],
    );
    return rows[0]?.finished_at ?? null;
  }

  async runStats(sourceId: string): Promise<RunStats> {
    const { rows } = await this.pool.query<{ runs: string; failures: string }>(
      `SELECT count(*) AS runs,
              count(*) FILTER (WHERE status = 'failed' AND id > coalesce(
                (SELECT max(id) FROM runs WHERE source_id = $1 AND status = 'ok'), 0)) AS failures
       FROM runs WHERE source_id = $1`,
      [sourceId],
    );
    return { runs: Number(rows[0]?.runs ?? 0), consecutiveFailures: Number(rows[0]?.failures ?? 0) };
  }

  async storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats> {
    const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const { rows } = await this.pool.query<{ day: string | null; count: string }>(
      `SELECT substr(first_seen, 1, 10) AS day, count(*) AS count FROM stories
       WHERE source_id = $1 AND first_seen COLLATE "C" >= $2 GROUP BY substr(first_seen, 1, 10) ORDER BY day`,
      [sourceId, since.toISOString()],
    );
    const counts = await this.pool.query<{ total: string; recent: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE first_seen COLLATE "C" >= $2) AS recent
       FROM stories WHERE source_id = $1`,
      [sourceId, dayAgo],
    );
    return {
      total: Number(counts.rows[0]?.total ?? 0),
      last24h: Number(counts.rows[0]?.recent ?? 0),
      perDay: rows.map((r) => ({ day: r.day ?? '', count: Number(r.count) })),
    };
  }

  async storyFileMarks(sourceId: string): Promise<(StoryFileMark & { current: boolean })[]> {
    const { rows } = await this.pool.query<StoryFileMark & { current: boolean }>(
      `SELECT f.name, f.stat, f.stat_trusted AS "statTrusted", f.parser, f.file_hash AS "fileHash", f.story_id AS "storyId",
              f.story_hash AS "storyHash", coalesce(s.content_hash = f.story_hash, false) AS current
       FROM story_files f LEFT JOIN stories s ON s.id = f.story_id WHERE f.source_id = $1`,
      [sourceId],
    );
    return rows;
  }

  async saveStoryFileMark(sourceId: string, m: StoryFileMark): Promise<void> {
    await this.pool.query(
      `INSERT INTO story_files (source_id, name, stat, stat_trusted, parser, file_hash, story_id, story_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source_id, name) DO UPDATE SET stat = excluded.stat, stat_trusted = excluded.stat_trusted,
         parser = excluded.parser, file_hash = excluded.file_hash, story_id = excluded.story_id, story_hash = excluded.story_hash`,
      [sourceId, m.name, m.stat, m.statTrusted, m.parser, m.fileHash, m.storyId, m.storyHash],
    );
  }

  async forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.pool.query('DELETE FROM story_files WHERE source_id = $1 AND name = ANY($2::text[])', [sourceId, names]);
  }

  async acquireLease(claim: LeaseClaim): Promise<LeaseOutcome> {
    return this.transaction(async (db) => {
      // Lock the row (if any) first: concurrent claimers queue here and each decides on
      // the row as the one before it left it.
      const { rows } = await db.query<{ owner: string; slot: string; released: boolean; alive: boolean }>(
        `SELECT owner, slot, released, (NOT released AND expires_at > clock_timestamp()) AS alive
         FROM leases WHERE source_id = $1 FOR UPDATE`,
        [claim.sourceId],
      );
      const prev = rows[0];
      const outcome = leaseOutcome(prev, claim.slot);
      if (outcome === 'busy' || outcome === 'spent') return outcome;
      // No row to lock yet: of several first claimers, one inserts and the others find it held.
      const taken = await db.query(
        `INSERT INTO leases (source_id, owner, slot, expires_at, released)
         VALUES ($1, $2, $3, clock_timestamp() + $4 * interval '1 millisecond', false)
         ON CONFLICT (source_id) DO UPDATE SET owner = excluded.owner, slot = excluded.slot,
           expires_at = excluded.expires_at, released = false
         WHERE $5`,
        // A run outside the schedule keeps the last tick ('' sorts before every tick).
        [claim.sourceId, claim.owner, claim.slot ?? prev?.slot ?? '', claim.ttlMs, prev !== undefined],
      );
      if (taken.rowCount !== 1) return 'busy';
      if (prev && !prev.released) {
        await db.query(
          `UPDATE runs SET status = 'failed', finished_at = $2, error = $3
           WHERE source_id = $1 AND status = 'running' AND owner = $4`,
          [claim.sourceId, new Date().toISOString(), ABANDONED, prev.owner],
        );
      }
      return outcome;
    });
  }

  async renewLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE source_id = $1 AND owner = $2 AND NOT released`,
      [sourceId, owner, ttlMs],
    );
    return result.rowCount === 1;
  }

  async releaseLease(sourceId: string, owner: string): Promise<void> {
    await this.pool.query(`UPDATE leases SET released = true WHERE source_id = $1 AND owner = $2`, [sourceId, owner]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (err) {
      await db.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      db.release();
    }
  }
}
