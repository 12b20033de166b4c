// The health role on SQLite.
import type Database from 'better-sqlite3';
import type { HealthDayCount, HealthEvent, HealthStore, RunHealth, RunHealthRow, SourceHealth } from '../health-store.js';

const HEALTH_COLUMNS = `source_id AS sourceId, state, reason, example, since, checked_at AS checkedAt,
  failing_runs AS failingRuns, paused_until AS pausedUntil`;
const EVENT_COLUMNS = 'id, source_id AS sourceId, at, state, previous, reason, example';

export function sqliteHealth(db: Database.Database): HealthStore {
  return {
    async sourceHealth(sourceId: string): Promise<SourceHealth | null> {
      const row = db.prepare(`SELECT ${HEALTH_COLUMNS} FROM source_health WHERE source_id = ?`).get(sourceId) as SourceHealth | undefined;
      return row ?? null;
    },

    async recordHealth(runId: number | null, run: RunHealth, health: SourceHealth, event: Omit<HealthEvent, 'id'> | null): Promise<HealthEvent | null> {
      return db.transaction(() => {
        if (runId !== null) db.prepare('UPDATE runs SET health_state = ?, health = ? WHERE id = ?').run(run.state, JSON.stringify(run), runId);
        db.prepare(
          `INSERT INTO source_health (source_id, state, reason, example, since, checked_at, failing_runs, paused_until)
           VALUES (@sourceId, @state, @reason, @example, @since, @checkedAt, @failingRuns, @pausedUntil)
           ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, example = excluded.example,
             since = excluded.since, checked_at = excluded.checked_at, failing_runs = excluded.failing_runs, paused_until = excluded.paused_until`,
        ).run(health);
        if (!event) return null;
        const info = db
          .prepare('INSERT INTO health_events (source_id, at, state, previous, reason, example) VALUES (@sourceId, @at, @state, @previous, @reason, @example)')
          .run(event);
        return { id: Number(info.lastInsertRowid), ...event };
      })();
    },

    async recentRunHealth(sourceId: string, limit: number): Promise<RunHealthRow[]> {
      const rows = db
        .prepare('SELECT id, finished_at, health FROM runs WHERE source_id = ? AND health IS NOT NULL ORDER BY id DESC LIMIT ?')
        .all(sourceId, limit) as { id: number; finished_at: string | null; health: string }[];
      return rows.map((r) => ({ runId: r.id, finishedAt: r.finished_at, health: JSON.parse(r.health) as RunHealth }));
    },

    async healthEvents(limit: number): Promise<HealthEvent[]> {
      return db.prepare(`SELECT ${EVENT_COLUMNS} FROM health_events ORDER BY id DESC LIMIT ?`).all(limit) as HealthEvent[];
    },

    async runHealthPerDay(sourceId: string, since: Date): Promise<HealthDayCount[]> {
      return db
        .prepare(
          `SELECT substr(finished_at, 1, 10) AS day, health_state AS state, count(*) AS count FROM runs
           WHERE source_id = ? AND health_state IS NOT NULL AND finished_at >= ?
           GROUP BY day, state ORDER BY day, state`,
        )
        .all(sourceId, since.toISOString()) as HealthDayCount[];
    },

    async resumeSource(sourceId: string): Promise<boolean> {
      const info = db.prepare('UPDATE source_health SET paused_until = NULL, failing_runs = 0 WHERE source_id = ? AND paused_until IS NOT NULL').run(sourceId);
      return info.changes > 0;
    },
  };
}
