import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Story, StoredStory } from '../story.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type { FeedState, LeaseClaim, RunCounts, RunRecord, RunStats, RunTick, Store, StoryFileMark, StoryQuery, StoryRow, StoryStats, UpsertResult, Validators } from './store.js';
import { leaseOutcome, parseStoryRow, storyContentHash, type LeaseOutcome } from './store.js';

/** SQLite store (better-sqlite3, WAL): the embedded default, one file, no server. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  /** Prepared once: feedState runs on every feed request, and preparing costs more than the query. */
  private readonly feedStateStatements = new Map<number, Database.Statement>();
  private readonly listStatements = new Map<string, Database.Statement>();

  /** `filename` is a path, or ":memory:". */
  constructor(filename: string) {
    if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  static fromUrl(url: string, cwd = process.cwd()): SqliteStore {
    const file = url.replace(/^file:(\/\/)?/, '');
    return new SqliteStore(file === ':memory:' ? file : path.resolve(cwd, file));
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      this.db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(m.version, new Date().toISOString());
      })();
    }
  }

  async upsertStory(story: Story, at: Date): Promise<UpsertResult> {
    const data = JSON.stringify(story);
    const hash = storyContentHash(story, data);
    const now = at.toISOString();
    return this.db.transaction((): UpsertResult => {
      const existing = this.db
        .prepare('SELECT content_hash, first_seen FROM stories WHERE id = ?')
        .get(story.id) as { content_hash: string; first_seen: string } | undefined;
      if (existing?.content_hash === hash) return 'unchanged';
      const sortDate = story.published ?? existing?.first_seen ?? now;
      if (existing) {
        this.db
          .prepare('UPDATE stories SET url = ?, sort_date = ?, content_hash = ?, data = ?, last_changed = ? WHERE id = ?')
          .run(story.url, sortDate, hash, data, now, story.id);
      } else {
        this.db
          .prepare(
            `INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(story.id, story.sourceId, story.url, sortDate, hash, data, now, now);
      }
      this.db
        .prepare(
          `INSERT INTO source_state (source_id, version, last_changed) VALUES (?, 1, ?)
           ON CONFLICT (source_id) DO UPDATE SET version = version + 1,
             last_changed = max(coalesce(last_changed, ''), excluded.last_changed)`,
        )
        .run(story.sourceId, now);
      return existing ? 'updated' : 'new';
    })();
  }

  /**
   * Newest first per source, then merged: each source's branch walks its own index and
   * stops at `limit`, so a combined feed stays flat however many stories are stored
   * (one IN (...) query sorted every story of those sources).
   */
  async listStories(query: StoryQuery): Promise<StoredStory[]> {
    return (await this.listStoryRows(query)).map(parseStoryRow);
  }

  async listStoryRows(query: StoryQuery): Promise<StoryRow[]> {
    if (query.sourceIds.length === 0) return [];
    const cursor = query.before && query.beforeId ? [query.before, query.before, query.beforeId] : query.before ? [query.before] : [];
    const statement = this.listStatement(query.sourceIds.length, cursor.length);
    return statement.all(...query.sourceIds.flatMap((id) => [id, ...cursor, query.limit]), ...(query.sourceIds.length > 1 ? [query.limit] : [])) as StoryRow[];
  }

  /**
   * Prepared once per shape (sources, cursor): preparing costs about as much as a small
   * read, and feeds read in chunks. One source reads straight off its index; several are
   * merged, which sorts their rows.
   */
  private listStatement(sources: number, cursorParams: number): Database.Statement {
    const key = `${sources}:${cursorParams}`;
    let statement = this.listStatements.get(key);
    if (statement) return statement;
    const before = ['', 'AND sort_date < ?', '', 'AND (sort_date < ? OR (sort_date = ? AND id < ?))'][cursorParams];
    const branch = `SELECT data AS json, first_seen AS firstSeen, last_changed AS lastChanged, sort_date AS sortDate, id
      FROM stories WHERE source_id = ? ${before} ORDER BY sort_date DESC, id DESC LIMIT ?`;
    statement = this.db.prepare(
      sources === 1
        ? branch
        : `SELECT * FROM (${Array.from({ length: sources }, () => `SELECT * FROM (${branch})`).join(' UNION ALL ')})
           ORDER BY sortDate DESC, id DESC LIMIT ?`,
    );
    this.listStatements.set(key, statement);
    return statement;
  }

  async countStories(sourceId: string): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM stories WHERE source_id = ?').pluck().get(sourceId) as number;
  }

  async feedState(sourceIds: readonly string[]): Promise<FeedState> {
    if (sourceIds.length === 0) return { version: 0, lastChanged: null };
    let statement = this.feedStateStatements.get(sourceIds.length);
    if (!statement) {
      const marks = sourceIds.map(() => '?').join(', ');
      statement = this.db.prepare(
        `SELECT coalesce(sum(version), 0) AS version, max(last_changed) AS lastChanged FROM source_state WHERE source_id IN (${marks})`,
      );
      this.feedStateStatements.set(sourceIds.length, statement);
    }
    const row = statement.get(...sourceIds) as FeedState;
    return { version: row.version, lastChanged: row.lastChanged ?? null };
  }

  async startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number> {
    const info = this.db
      .prepare(`INSERT INTO runs (source_id, started_at, status, slot, owner) VALUES (?, ?, 'running', ?, ?)`)
      .run(sourceId, at.toISOString(), tick?.slot ?? null, tick?.owner ?? null);
    return Number(info.lastInsertRowid);
  }

  async finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void> {
    this.db
      .prepare('UPDATE runs SET finished_at = ?, status = ?, new = ?, updated = ?, failed = ?, error = ? WHERE id = ?')
      .run(at.toISOString(), result.error ? 'failed' : 'ok', result.new, result.updated, result.failed, result.error, runId);
  }

  async lastRun(sourceId: string): Promise<RunRecord | null> {
    const row = this.db
      .prepare(
        `SELECT id, source_id AS sourceId, started_at AS startedAt, finished_at AS finishedAt, status,
                new, updated, failed, error
         FROM runs WHERE source_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(sourceId) as RunRecord | undefined;
    return row ?? null;
  }

  async getValidators(sourceId: string, url: string): Promise<Validators | null> {
    const row = this.db
      .prepare('SELECT etag, last_modified AS lastModified, checked_at AS checkedAt, body_hash AS bodyHash FROM http_validators WHERE source_id = ? AND url = ?')
      .get(sourceId, url) as Validators | undefined;
    return row ?? null;
  }

  async saveValidators(sourceId: string, url: string, v: Validators): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO http_validators (source_id, url, etag, last_modified, checked_at, body_hash) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           checked_at = excluded.checked_at, body_hash = excluded.body_hash`,
      )
      .run(sourceId, url, v.etag, v.lastModified, v.checkedAt, v.bodyHash ?? null);
  }

  async knownUrls(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    // Chunks keep each statement well under SQLite's bound-parameter limit.
    for (let i = 0; i < urls.length; i += 500) {
      const chunk = urls.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(', ');
      const found = this.db
        .prepare(
          `SELECT url FROM stories WHERE source_id = ? AND url IN (${marks})
           UNION SELECT url FROM http_validators WHERE source_id = ? AND url IN (${marks})`,
        )
        .pluck()
        .all(sourceId, ...chunk, sourceId, ...chunk) as string[];
      for (const url of found) known.add(url);
    }
    return known;
  }

  async lastSuccess(sourceId: string): Promise<string | null> {
    const at = this.db
      .prepare(`SELECT finished_at FROM runs WHERE source_id = ? AND status = 'ok' ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get(sourceId) as string | undefined;
    return at ?? null;
  }

  /** One immediate transaction: SQLite serializes writers, so check-then-write is atomic. */
  async acquireLease(claim: LeaseClaim): Promise<LeaseOutcome> {
    const now = Date.now();
    return this.db.transaction((): LeaseOutcome => {
      const prev = this.db
        .prepare('SELECT owner, slot, expires_at AS expiresAt, released FROM leases WHERE source_id = ?')
        .get(claim.sourceId) as { owner: string; slot: string; expiresAt: number; released: number } | undefined;
      const outcome = leaseOutcome(prev && { slot: prev.slot, released: prev.released === 1, alive: !prev.released && prev.expiresAt > now }, claim.slot);
      if (outcome === 'busy' || outcome === 'spent') return outcome;
      this.db
        .prepare(
          `INSERT INTO leases (source_id, owner, slot, expires_at, released) VALUES (?, ?, ?, ?, 0)
           ON CONFLICT (source_id) DO UPDATE SET owner = excluded.owner, slot = excluded.slot,
             expires_at = excluded.expires_at, released = 0`,
        )
        // A run outside the schedule keeps the last tick ('' sorts before every tick).
        .run(claim.sourceId, claim.owner, claim.slot ?? prev?.slot ?? '', now + claim.ttlMs);
      if (prev && !prev.released) {
        this.db
          .prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE source_id = ? AND status = 'running' AND owner = ?`)
          .run(new Date(now).toISOString(), 'abandoned: the worker running it lost its lease (stopped or died)', claim.sourceId, prev.owner);
      }
      return outcome;
    }).immediate();
  }

  async renewLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean> {
    const info = this.db
      .prepare('UPDATE leases SET expires_at = ? WHERE source_id = ? AND owner = ? AND released = 0')
      .run(Date.now() + ttlMs, sourceId, owner);
    return info.changes === 1;
  }

  async releaseLease(sourceId: string, owner: string): Promise<void> {
    this.db.prepare('UPDATE leases SET released = 1 WHERE source_id = ? AND owner = ?').run(sourceId, owner);
  }

  async runStats(sourceId: string): Promise<RunStats> {
    return this.db
      .prepare(
        `SELECT count(*) AS runs,
                coalesce(sum(status = 'failed' AND id > coalesce(
                  (SELECT max(id) FROM runs WHERE source_id = @id AND status = 'ok'), 0)), 0) AS consecutiveFailures
         FROM runs WHERE source_id = @id`,
      )
      .get({ id: sourceId }) as RunStats;
  }

  async storyFileMarks(sourceId: string): Promise<(StoryFileMark & { current: boolean })[]> {
    const rows = this.db
      .prepare(
        `SELECT f.name, f.stat, f.stat_trusted AS statTrusted, f.parser, f.file_hash AS fileHash, f.story_id AS storyId,
                f.story_hash AS storyHash, coalesce(s.content_hash = f.story_hash, 0) AS current
         FROM story_files f LEFT JOIN stories s ON s.id = f.story_id WHERE f.source_id = ?`,
      )
      .all(sourceId) as (Omit<StoryFileMark, 'statTrusted'> & { statTrusted: number; current: number })[];
    return rows.map((r) => ({ ...r, statTrusted: r.statTrusted === 1, current: r.current === 1 }));
  }

  async saveStoryFileMark(sourceId: string, m: StoryFileMark): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO story_files (source_id, name, stat, stat_trusted, parser, file_hash, story_id, story_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, name) DO UPDATE SET stat = excluded.stat, stat_trusted = excluded.stat_trusted,
           parser = excluded.parser, file_hash = excluded.file_hash, story_id = excluded.story_id, story_hash = excluded.story_hash`,
      )
      .run(sourceId, m.name, m.stat, m.statTrusted ? 1 : 0, m.parser, m.fileHash, m.storyId, m.storyHash);
  }

  async forgetStoryFiles(sourceId: string, names: readonly string[]): Promise<void> {
    const forget = this.db.prepare('DELETE FROM story_files WHERE source_id = ? AND name = ?');
    this.db.transaction(() => {
      for (const name of names) forget.run(sourceId, name);
    })();
  }

  async storyStats(sourceId: string, now: Date, since: Date): Promise<StoryStats> {
    const count = this.db.prepare('SELECT count(*) FROM stories WHERE source_id = ? AND first_seen >= ?').pluck();
    const perDay = this.db
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
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
