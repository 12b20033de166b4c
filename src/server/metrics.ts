// Prometheus metrics (prom-client). One registry per app, so that tests and several
// apps in one process never share counters; app.ts feeds it from the scheduler, the
// fetch client and the render cache, and the server serves it at /metrics.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RunOutcome } from '../schedule/run-source.js';

export const METRIC_NAMES = {
  runs: 'wirefeed_source_runs_total',
  runDuration: 'wirefeed_source_run_duration_seconds',
  fetches: 'wirefeed_fetches_total',
  storiesIngested: 'wirefeed_stories_ingested_total',
  feedRequests: 'wirefeed_feed_requests_total',
  renderCacheHits: 'wirefeed_render_cache_hits_total',
  renderCacheMisses: 'wirefeed_render_cache_misses_total',
} as const;

/** Label for feed ids that do not exist, so that probing random URLs cannot grow the series. */
export const UNKNOWN_FEED = '(unknown)';

export interface Metrics {
  registry: Registry;
  observeRun(outcome: RunOutcome): void;
  /** One finished HTTP fetch (`status` is the HTTP status, or "error" when none came back). */
  observeFetch(url: string, status: number | 'error'): void;
  observeFeedRequest(feed: string, format: string, status: number): void;
  observeRenderCache(event: 'hit' | 'miss' | 'evict'): void;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const runs = new Counter({ name: METRIC_NAMES.runs, help: 'Source runs by source and outcome', labelNames: ['source', 'outcome'], registers });
  const runDuration = new Histogram({
    name: METRIC_NAMES.runDuration,
    help: 'Source run duration in seconds',
    labelNames: ['source'],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const fetches = new Counter({ name: METRIC_NAMES.fetches, help: 'HTTP fetches by host and status', labelNames: ['host', 'status'], registers });
  const ingested = new Counter({
    name: METRIC_NAMES.storiesIngested,
    help: 'Stories stored, by source and result (new or updated)',
    labelNames: ['source', 'result'],
    registers,
  });
  const feedRequests = new Counter({
    name: METRIC_NAMES.feedRequests,
    help: 'Feed requests by feed, format and HTTP status',
    labelNames: ['feed', 'format', 'status'],
    registers,
  });
  const cacheHits = new Counter({ name: METRIC_NAMES.renderCacheHits, help: 'Feed bodies served from the render cache', registers });
  const cacheMisses = new Counter({ name: METRIC_NAMES.renderCacheMisses, help: 'Feed bodies rendered because the cache had no current entry', registers });

  return {
    registry,
    observeRun(o) {
      runs.inc({ source: o.sourceId, outcome: o.error ? 'failed' : 'ok' });
      runDuration.observe({ source: o.sourceId }, o.durationMs / 1000);
      if (o.new) ingested.inc({ source: o.sourceId, result: 'new' }, o.new);
      if (o.updated) ingested.inc({ source: o.sourceId, result: 'updated' }, o.updated);
    },
    observeFetch(url, status) {
      fetches.inc({ host: hostOf(url), status: String(status) });
    },
    observeFeedRequest(feed, format, status) {
      feedRequests.inc({ feed, format, status: String(status) });
    },
    observeRenderCache(event) {
      if (event === 'hit') cacheHits.inc();
      else if (event === 'miss') cacheMisses.inc();
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return 'invalid';
  }
}
