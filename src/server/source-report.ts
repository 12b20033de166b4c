// What /api/sources and /status show per source: one query path for both.
import type { AppConfig } from '../config/app-config.js';
import type { SourceConfig } from '../sources/registry.js';
import type { Store } from '../store/store.js';
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
export async function sourceReports(deps: ReportDeps, now: Date, { days = 0, fullErrors = false }: ReportOptions = {}): Promise<{ report: SourceReport; perDay: DayCount[] }[]> {
  const since = startOfUtcDay(now, days - 1);
  return Promise.all(
    deps.config.sources.map(async (source) => {
      const [last, runStats, storyStats, nextRun] = await Promise.all([
        deps.store.lastRun(source.id),
        deps.store.runStats(source.id),
        deps.store.storyStats(source.id, now, since),
        deps.scheduler?.nextRun(source.id) ?? null,
      ]);
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
      };
      return { report, perDay: days > 0 ? dailySeries(storyStats.perDay, now, days) : [] };
    }),
  );
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
