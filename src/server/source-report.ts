// What /api/sources and /status show per source: one query path for both.
import type { AppConfig } from '../config/app-config.js';
import { FAILING_STATES } from '../schedule/run-health.js';
import type { SourceConfig } from '../sources/registry.js';
import type { HealthDayCount, HealthState, SourceHealth, Store } from '../store/store.js';
import { ownHosts, redactRunError } from './redact-error.js';
import type { SchedulerView } from './server-deps.js';

export interface SourceReport {
  id: string;
  type: SourceConfig['type'];
  schedule: string;
  enabled: boolean;
  nextRun: string | null;
  lastRun: {
    startedAt: string;
    finishedAt: string | null;
    /** `running` while a run is in progress (or was cut off by a crash). */
    status: 'ok' | 'failed' | 'running';
    new: number;
    updated: number;
    failed: number;
    error: string | null;
  } | null;
  runs: number;
  consecutiveFailures: number;
  stories: number;
  stories24h: number;
  /** The last run's verdict (null: never judged), why, since when, and one example. */
  health: HealthState | null;
  reason: string | null;
  since: string | null;
  example: string | null;
  /** Paused after failing runs: no scheduled run before this. */
  pausedUntil: string | null;
}

/** Judged runs of one day that were not ok: the charts mark them. */
export interface DayRuns {
  day: string;
  /** Blocked, unreachable, broken or misconfigured. */
  failed: number;
  degraded: number;
}

export interface DayCount {
  day: string;
  count: number;
}

interface ReportDeps {
  config: AppConfig;
  store: Store;
  scheduler?: SchedulerView;
}

export interface ReportOptions {
  /** Stories per day for this many days (0: none). */
  days?: number;
  /** Run errors whole (the admin token was given); otherwise addresses, paths and foreign hosts are redacted. */
  fullErrors?: boolean;
}

/** Every configured source, in config order; `days` > 0 also returns stories per day. */
export async function sourceReports(deps: ReportDeps, now: Date, { days = 0, fullErrors = false }: ReportOptions = {}): Promise<{ report: SourceReport; perDay: DayCount[]; runsPerDay: DayRuns[] }[]> {
  const since = startOfUtcDay(now, days - 1);
  return Promise.all(
    deps.config.sources.map(async (source) => {
      const [last, runStats, storyStats, nextRun, health, healthPerDay] = await Promise.all([
        deps.store.lastRun(source.id),
        deps.store.runStats(source.id),
        deps.store.storyStats(source.id, now, since),
        deps.scheduler?.nextRun(source.id) ?? null,
        deps.store.sourceHealth(source.id),
        days > 0 ? deps.store.runHealthPerDay(source.id, since) : [],
      ]);
      const redact = (text: string | null) => (text === null || fullErrors ? text : redactRunError(text, ownHosts(source)));
      const report: SourceReport = {
        id: source.id,
        type: source.type,
        schedule: source.schedule ?? deps.config.global.defaults.schedule,
        enabled: source.enabled,
        nextRun: nextRun?.toISOString() ?? null,
        lastRun: last && {
          startedAt: last.startedAt,
          finishedAt: last.finishedAt,
          status: last.status,
          new: last.new,
          updated: last.updated,
          failed: last.failed,
          error: last.error === null || fullErrors ? last.error : redactRunError(last.error, ownHosts(source)),
        },
        runs: runStats.runs,
        consecutiveFailures: runStats.consecutiveFailures,
        stories: storyStats.total,
        stories24h: storyStats.last24h,
        ...healthFields(health, redact),
      };
      return { report, perDay: days > 0 ? dailySeries(storyStats.perDay, now, days) : [], runsPerDay: days > 0 ? dailyRuns(healthPerDay, now, days) : [] };
    }),
  );
}

/** The reason and example are redacted like run errors: they may quote an address or path. */
function healthFields(health: SourceHealth | null, redact: (text: string | null) => string | null): Pick<SourceReport, 'health' | 'reason' | 'since' | 'example' | 'pausedUntil'> {
  if (!health) return { health: null, reason: null, since: null, example: null, pausedUntil: null };
  return { health: health.state, reason: redact(health.reason), since: health.since, example: redact(health.example), pausedUntil: health.pausedUntil };
}

/** Failed and degraded runs per UTC day, like dailySeries. */
export function dailyRuns(perDay: readonly HealthDayCount[], now: Date, days: number): DayRuns[] {
  return dailySeries([], now, days).map(({ day }) => {
    const count = (states: readonly HealthState[]) => perDay.filter((d) => d.day === day && states.includes(d.state)).reduce((n, d) => n + d.count, 0);
    return { day, failed: count([...FAILING_STATES]), degraded: count(['degraded', 'empty']) };
  });
}

/** One entry per UTC day for the `days` days ending today, zeros included, oldest first. */
export function dailySeries(perDay: readonly DayCount[], now: Date, days: number): DayCount[] {
  const counts = new Map(perDay.map((d) => [d.day, d.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = startOfUtcDay(now, days - 1 - i).toISOString().slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}

function startOfUtcDay(now: Date, daysBack: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - Math.max(0, daysBack));
  return d;
}
