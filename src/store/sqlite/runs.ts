// The runs role on SQLite.
import type Database from 'better-sqlite3';
import type { RunCounts, RunRecord, RunStats, RunStore, RunTick } from '../run-store.js';

export function sqliteRuns(db: Database.Database): RunStore {
  return {
    async startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number> {
      const info = db
        .prepare(`INSERT INTO runs (source_id, started_at, status, slot, owner) VALUES (?, ?, 'running', ?, ?)`)
        .run(sourceId, at.toISOString(), tick?.slot ?? null, tick?.owner ?? null);
      return Number(info.lastInsertRowid);
    },

    async finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void> {
      db.prepare('UPDATE runs SET finished_at = ?, status = ?, new = ?, updated = ?, failed = ?, error = ? WHERE id = ?')
        .run(at.toISOString(), result.error ? 'failed' : 'ok', result.new, result.updated, result.failed, result.error, runId);
    },

    async lastRun(sourceId: string): Promise<RunRecord | null> {
      const row = db
        .prepare(
          `SELECT id, source_id AS sourceId, started_at AS startedAt, finished_at AS finishedAt, status,
                  new, updated, failed, error
           FROM runs WHERE source_id = ? ORDER BY id DESC LIMIT 1`,
        )
        .get(sourceId) as RunRecord | undefined;
      return row ?? null;
    },

    async lastSuccess(sourceId: string): Promise<string | null> {
      const at = db
        .prepare(`SELECT finished_at FROM runs WHERE source_id = ? AND status = 'ok' ORDER BY id DESC LIMIT 1`)
        .pluck()
        .get(sourceId) as string | undefined;
      return at ?? null;
    },

    async runStats(sourceId: string): Promise<RunStats> {
      return db
        .prepare(
          `SELECT count(*) AS runs,
                  coalesce(sum(status = 'failed' AND id > coalesce(
                    (SELECT max(id) FROM runs WHERE source_id = @id AND status = 'ok'), 0)), 0) AS consecutiveFailures
           FROM runs WHERE source_id = @id`,
        )
        .get({ id: sourceId }) as RunStats;
    },
  };
}
