// Prometheus metrics (prom-client). One registry per app, so that tests and several
// apps in one process never share counters; app.ts feeds it from the scheduler, the
// fetch client and the render cache, and the server serves it at /metrics.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PruneTotals } from '../schedule/prune-job.js';
import type { RunOutcome } from '../schedule/run-source.js';
import { HEALTH_STATES, type SourceHealth, type StoreSize } from '../store/store.js';

export const METRIC_NAMES = {
  runs: 'wirefeed_source_runs_total',
  runDuration: 'wirefeed_source_run_duration_seconds',
  fetches: 'wirefeed_fetches_total',
  storiesIngested: 'wirefeed_stories_ingested_total',
  feedRequests: 'wirefeed_feed_requests_total',
  renderCacheHits: 'wirefeed_render_cache_hits_total',
  renderCacheMisses: 'wirefeed_render_cache_misses_total',
  pruned: 'wirefeed_retention_pruned_rows_total',
  reclaimed: 'wirefeed_retention_reclaimed_bytes_total',
  storeBytes: 'wirefeed_store_bytes',
  storeFreeBytes: 'wirefeed_store_free_bytes',
  storeRows: 'wirefeed_store_rows',
  sourceHealth: 'wirefeed_source_health',
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
  /** One retention pass: rows deleted per table, bytes given back. */
  observePrune(totals: PruneTotals): void;
  /** Where the store-size gauges read from, at each scrape (a memo: see StoreSizeMemo). */
  watchStoreSize(read: () => Promise<StoreSize>): void;
  /** Where the source health gauge reads from, at each scrape: each configured source's health (null: never judged). */
  watchSourceHealth(read: () => Promise<{ sourceId: string; health: SourceHealth | null }[]>): void;
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
  const pruned = new Counter({ name: METRIC_NAMES.pruned, help: 'Rows deleted by retention, by table', labelNames: ['table'], registers });
  const reclaimed = new Counter({ name: METRIC_NAMES.reclaimed, help: 'Free store pages given back to the file system (SQLite incremental vacuum)', registers });
  let readSize: (() => Promise<StoreSize>) | undefined;
  const sized = (name: string, help: string, pick: (size: StoreSize) => [Record<string, string>, number][], labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        if (!readSize) return;
        this.reset();
        for (const [labels, value] of pick(await readSize())) this.set(labels, value);
      },
    });
  sized(METRIC_NAMES.storeBytes, 'Bytes the store takes (SQLite: file and WAL; PostgreSQL: the database)', (s) => [[{}, s.bytes]]);
  sized(METRIC_NAMES.storeFreeBytes, 'Of the store bytes, free pages not yet given back (SQLite)', (s) => [[{}, s.freeBytes]]);
  sized(METRIC_NAMES.storeRows, 'Rows in the store, by table', (s) => Object.entries(s.rows).map(([table, n]) => [{ table }, n]), ['table']);

  let readHealth: (() => Promise<{ sourceId: string; health: SourceHealth | null }[]>) | undefined;
  // One series per source and state, 1 for the current one: alert rules match state!="ok".
  new Gauge({
    name: METRIC_NAMES.sourceHealth,
    help: 'Source health from its last judged run: 1 for the current state, 0 for the others',
    labelNames: ['source', 'state'],
    registers,
    async collect() {
      if (!readHealth) return;
      this.reset();
      for (const { sourceId, health } of await readHealth()) {
        if (!health) continue;
        for (const state of HEALTH_STATES) this.set({ source: sourceId, state }, health.state === state ? 1 : 0);
      }
    },
  });

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
    observePrune(totals) {
      pruned.inc({ table: 'stories' }, totals.stories);
      pruned.inc({ table: 'story_versions' }, totals.storyVersions);
      pruned.inc({ table: 'runs' }, totals.runs);
      pruned.inc({ table: 'http_validators' }, totals.validators);
      pruned.inc({ table: 'health_events' }, totals.healthEvents);
      reclaimed.inc(totals.reclaimedBytes);
    },
    watchSourceHealth(read) {
      readHealth = read;
    },
    watchStoreSize(read) {
      readSize = read;
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
