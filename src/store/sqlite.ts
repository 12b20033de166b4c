import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../clock.js';
import { sqliteHealth } from './sqlite/health.js';
import { sqliteLeases } from './sqlite/leases.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { INCREMENTAL, sqliteRetention } from './sqlite/retention.js';
import { sqliteRuns } from './sqlite/runs.js';
import { sqliteStories } from './sqlite/stories.js';
import { sqliteStoryBatch } from './sqlite/story-batch.js';
import { sqliteStoryFiles } from './sqlite/story-files.js';
import { sqliteTables } from './sqlite/tables.js';
import { sqliteValidators } from './sqlite/validators.js';
import type { Store, StoreOptions, StoreRoles } from './store.js';

// The roles' methods are assigned in the constructor; this declares them on the class.
export interface SqliteStore extends StoreRoles {}

/** SQLite store (better-sqlite3, WAL): the embedded default, one file, no server. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;

  /** `filename` is a path, or ":memory:". */
  constructor(filename: string, options: StoreOptions = {}) {
    if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    this.db = new Database(filename);
    // Takes effect only on a file without tables yet (a new store): freed pages can then be
    // given back in small steps (reclaimSpace). An older file keeps auto_vacuum NONE, its
    // free pages reused by new rows, until `wirefeed vacuum` rewrites it once.
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    const roles: StoreRoles = {
      ...sqliteStories(this.db),
      ...sqliteRuns(this.db),
      ...sqliteLeases(this.db, options.clock ?? systemClock),
      ...sqliteValidators(this.db),
      ...sqliteStoryFiles(this.db),
      ...sqliteStoryBatch(this.db),
      ...sqliteHealth(this.db),
      ...sqliteRetention(this.db),
      ...sqliteTables(this.db),
    };
    Object.assign(this, roles);
  }

  static fromUrl(url: string, cwd = process.cwd(), options: StoreOptions = {}): SqliteStore {
    return new SqliteStore(SqliteStore.fileOf(url, cwd) ?? ':memory:', options);
  }

  /** The file a `file:` URL names, or null for ":memory:". */
  static fileOf(url: string, cwd = process.cwd()): string | null {
    const file = url.replace(/^file:(\/\/)?/, '');
    return file === ':memory:' ? null : path.resolve(cwd, file);
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

  /**
   * A consistent copy of the live store in `file` (SQLite's online backup): every page as
   * of the moment it begins, while this and other processes go on writing. Resolves with
   * the number of stories in the copy.
   */
  async backup(file: string): Promise<{ stories: number }> {
    // A connection of its own holding one read transaction: the backup reads that snapshot
    // throughout, where a backup between other writers' commits would restart.
    const reader = this.db.memory ? this.db : new Database(this.db.name, { readonly: true, fileMustExist: true });
    try {
      reader.prepare('BEGIN').run();
      const stories = reader.prepare('SELECT count(*) FROM stories').pluck().get() as number;
      await reader.backup(file);
      reader.prepare('COMMIT').run();
      return { stories };
    } finally {
      if (reader !== this.db) reader.close();
    }
  }

  /**
   * Rewrites the whole file once (VACUUM), turning on incremental vacuum for a store made
   * before it: holds the write lock throughout and needs the file's size free again on
   * disk, so it is run by hand with the store stopped. Returns the mode before and after.
   */
  vacuum(): { before: string; after: string } {
    const mode = () => ['none', 'full', 'incremental'][this.db.pragma('auto_vacuum', { simple: true }) as number] ?? 'unknown';
    const before = mode();
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.exec('VACUUM');
    // In WAL mode the rewritten pages sit in the WAL: copied back now, the file shrinks.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { before, after: mode() };
  }

  /** Whether freed pages can be given back in steps (the file was made, or vacuumed, with incremental vacuum). */
  get incrementalVacuum(): boolean {
    return this.db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
