import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../clock.js';
import { sqliteHealth } from './sqlite/health.js';
import { sqliteLeases } from './sqlite/leases.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { sqliteRuns } from './sqlite/runs.js';
import { sqliteStories } from './sqlite/stories.js';
import { sqliteStoryBatch } from './sqlite/story-batch.js';
import { sqliteStoryFiles } from './sqlite/story-files.js';
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
    };
    Object.assign(this, roles);
  }

  static fromUrl(url: string, cwd = process.cwd(), options: StoreOptions = {}): SqliteStore {
    const file = url.replace(/^file:(\/\/)?/, '');
    return new SqliteStore(file === ':memory:' ? file : path.resolve(cwd, file), options);
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

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
