// The runs role on PostgreSQL.
import type pg from 'pg';
import type { RunCounts, RunRecord, RunStats, RunStore, RunTick } from '../run-store.js';

export function postgresRuns(pool: pg.Pool): RunStore {
  return {
    async startRun(sourceId: string, at: Date, tick?: RunTick): Promise<number> {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO runs (source_id, started_at, status, slot, owner) VALUES ($1, $2, 'running', $3, $4) RETURNING id`,
        [sourceId, at.toISOString(), tick?.slot ?? null, tick?.owner ?? null],
      );
      return Number(rows[0]!.id);
    },

    async finishRun(runId: number, at: Date, result: RunCounts & { error: string | null }): Promise<void> {
      await pool.query(
        'UPDATE runs SET finished_at = $1, status = $2, new = $3, updated = $4, failed = $5, error = $6 WHERE id = $7',
        [at.toISOString(), result.error ? 'failed' : 'ok', result.new, result.updated, result.failed, result.error, runId],
      );
    },

    async lastRun(sourceId: string): Promise<RunRecord | null> {
      const { rows } = await pool.query<Omit<RunRecord, 'id'> & { id: string }>(
        `SELECT id, source_id AS "sourceId", started_at AS "startedAt", finished_at AS "finishedAt", status,
                new, updated, failed, error
         FROM runs WHERE source_id = $1 ORDER BY id DESC LIMIT 1`,
        [sourceId],
      );
      const row = rows[0];
      return row ? { ...row, id: Number(row.id) } : null;
    },

    async lastSuccess(sourceId: string): Promise<string | null> {
      const { rows } = await pool.query<{ finished_at: string }>(
        `SELECT finished_at FROM runs WHERE source_id = $1 AND status = 'ok' ORDER BY id DESC LIMIT 1`,
        [sourceId],
      );
      return rows[0]?.finished_at ?? null;
    },

    async runStats(sourceId: string): Promise<RunStats> {
      const { rows } = await pool.query<{ runs: string; failures: string }>(
        `SELECT count(*) AS runs,
                count(*) FILTER (WHERE status = 'failed' AND id > coalesce(
                  (SELECT max(id) FROM runs WHERE source_id = $1 AND status = 'ok'), 0)) AS failures
         FROM runs WHERE source_id = $1`,
        [sourceId],
      );
      return { runs: Number(rows[0]?.runs ?? 0), consecutiveFailures: Number(rows[0]?.failures ?? 0) };
    },
  };
}
