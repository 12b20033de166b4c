// The health role on PostgreSQL.
import type pg from 'pg';
import type { HealthDayCount, HealthEvent, HealthState, HealthStore, RunHealth, RunHealthRow, SourceHealth } from '../health-store.js';
import { transaction } from './transaction.js';

const HEALTH_COLUMNS = `source_id AS "sourceId", state, reason, example, since, checked_at AS "checkedAt",
  failing_runs AS "failingRuns", paused_until AS "pausedUntil"`;
const EVENT_COLUMNS = 'id, source_id AS "sourceId", at, state, previous, reason, example';

export function postgresHealth(pool: pg.Pool): HealthStore {
  return {
    async sourceHealth(sourceId: string): Promise<SourceHealth | null> {
      const { rows } = await pool.query<SourceHealth>(`SELECT ${HEALTH_COLUMNS} FROM source_health WHERE source_id = $1`, [sourceId]);
      return rows[0] ?? null;
    },

    async recordHealth(runId: number | null, run: RunHealth, health: SourceHealth, event: Omit<HealthEvent, 'id'> | null): Promise<HealthEvent | null> {
      return transaction(pool, async (db) => {
        if (runId !== null) await db.query('UPDATE runs SET health_state = $1, health = $2 WHERE id = $3', [run.state, JSON.stringify(run), runId]);
        await db.query(
          `INSERT INTO source_health (source_id, state, reason, example, since, checked_at, failing_runs, paused_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, example = excluded.example,
             since = excluded.since, checked_at = excluded.checked_at, failing_runs = excluded.failing_runs, paused_until = excluded.paused_until`,
          [health.sourceId, health.state, health.reason, health.example, health.since, health.checkedAt, health.failingRuns, health.pausedUntil],
        );
        if (!event) return null;
        const { rows } = await db.query<{ id: string }>(
          'INSERT INTO health_events (source_id, at, state, previous, reason, example) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [event.sourceId, event.at, event.state, event.previous, event.reason, event.example],
        );
        return { id: Number(rows[0]!.id), ...event };
      });
    },

    async recentRunHealth(sourceId: string, limit: number): Promise<RunHealthRow[]> {
      const { rows } = await pool.query<{ id: string; finished_at: string | null; health: string }>(
        'SELECT id, finished_at, health FROM runs WHERE source_id = $1 AND health IS NOT NULL ORDER BY id DESC LIMIT $2',
        [sourceId, limit],
      );
      return rows.map((r) => ({ runId: Number(r.id), finishedAt: r.finished_at, health: JSON.parse(r.health) as RunHealth }));
    },

    async healthEvents(limit: number): Promise<HealthEvent[]> {
      const { rows } = await pool.query<Omit<HealthEvent, 'id'> & { id: string }>(`SELECT ${EVENT_COLUMNS} FROM health_events ORDER BY id DESC LIMIT $1`, [limit]);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    async runHealthPerDay(sourceId: string, since: Date): Promise<HealthDayCount[]> {
      const { rows } = await pool.query<{ day: string; state: HealthState; count: string }>(
        `SELECT substr(finished_at, 1, 10) AS day, health_state AS state, count(*) AS count FROM runs
         WHERE source_id = $1 AND health_state IS NOT NULL AND finished_at >= $2
         GROUP BY 1, 2 ORDER BY 1, health_state COLLATE "C"`,
        [sourceId, since.toISOString()],
      );
      return rows.map((r) => ({ day: r.day, state: r.state, count: Number(r.count) }));
    },

    async resumeSource(sourceId: string): Promise<boolean> {
      const { rowCount } = await pool.query('UPDATE source_health SET paused_until = NULL, failing_runs = 0 WHERE source_id = $1 AND paused_until IS NOT NULL', [sourceId]);
      return (rowCount ?? 0) > 0;
    },
  };
}
