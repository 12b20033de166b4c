import pg from 'pg';
import { systemClock } from '../clock.js';
import { postgresHealth } from './postgres/health.js';
import { postgresLeases } from './postgres/leases.js';
import { POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { postgresRetention } from './postgres/retention.js';
import { postgresRuns } from './postgres/runs.js';
import { postgresStories } from './postgres/stories.js';
import { postgresStoryBatch } from './postgres/story-batch.js';
import { postgresStoryFiles } from './postgres/story-files.js';
import { postgresTables } from './postgres/tables.js';
import { transaction } from './postgres/transaction.js';
import { postgresValidators } from './postgres/validators.js';
import type { Store, StoreOptions, StoreRoles } from './store.js';

// Any fixed number: every `migrate` takes this advisory lock, so concurrent releases queue.
const MIGRATE_LOCK = 0x77697265;

// The roles' methods are assigned in the constructor; this declares them on the class.
export interface PostgresStore extends StoreRoles {}

/**
 * PostgreSQL store (pg): many web and worker processes share one database. Every write
 * that must not race is one statement or one transaction, so that processes need no
 * other coordination.
 */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: StoreOptions & { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its connection must not crash the process: the pool drops
    // it and the next query opens a new one (or fails with the real error).
    this.pool.on('error', () => {});
    const roles: StoreRoles = {
      ...postgresStories(this.pool),
      ...postgresRuns(this.pool),
      ...postgresLeases(this.pool, options.clock ?? systemClock),
      ...postgresValidators(this.pool),
      ...postgresStoryFiles(this.pool),
      ...postgresStoryBatch(this.pool),
      ...postgresHealth(this.pool),
      ...postgresRetention(this.pool),
      ...postgresTables(this.pool),
    };
    Object.assign(this, roles);
  }

  async migrate(): Promise<void> {
    await transaction(this.pool, async (db) => {
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

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
