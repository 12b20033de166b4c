// Composition root: config -> store -> scheduler -> server. Nothing else wires things.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { systemClock, type Clock } from './clock.js';
import { LiveConfig } from './config/live-config.js';
import { configDir, loadConfig, readConfig } from './config/load-config.js';
import type { AppConfig } from './config/app-config.js';
import { watchConfig, type ConfigWatcher } from './config/watch-config.js';
import { createHttpClient, type HttpClient } from './fetch/http-client.js';
import { createLogger, type Logger } from './log.js';
import { feedDefinitions, type FeedDefinition } from './publish/feed-definitions.js';
import { healthTitle } from './publish/health-feed.js';
import { RenderCache } from './publish/render-cache.js';
import { changedTopics, websubPingBody } from './publish/websub.js';
import { PruneJob } from './schedule/prune-job.js';
import { alertBody, deliverAlert } from './schedule/alert-webhook.js';
import { Scheduler, type SchedulerOptions } from './schedule/scheduler.js';
import { SourceLeases } from './schedule/source-leases.js';
import { createListener, createServer } from './server/create-server.js';
import { defaultRenderThreads, inlineRenderer, threadRenderer, type FeedRenderer } from './server/feed-renderer.js';
import { FeedStatus } from './server/feed-status.js';
import { createMetrics, type Metrics } from './server/metrics.js';
import { RENDER_CACHE_LIMITS, type PreparedBody } from './server/prepared-body.js';
import { storeSizeMemo } from './server/store-size-memo.js';
import { defaultParseThreads, inlineParser, threadParser, type Parser } from './sources/parser.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  clock?: Clock;
  log?: Logger;
  store?: Store;
  /** Where pages, push bodies and story files are parsed; given, it outlives the app (close leaves it running). Unset: per `parse.threads`. */
  parser?: Parser;
  /** Where feed documents are rendered; given, it outlives the app like `parser`. Unset: per `feeds.renderThreads`. */
  renderer?: FeedRenderer;
  scheduler?: Omit<SchedulerOptions, 'onRunFinished'>;
  /** Told about every HTTP fetch, besides metrics (the CLI's progress display). */
  onFetch?: (url: string, status: number | 'error') => void;
  /** Process metrics (event loop, memory) cost a timer; tests may leave them out. */
  processMetrics?: boolean;
}

export interface App {
  /** The current config: replaced by hot reloads. */
  readonly config: AppConfig;
  readonly feeds: FeedDefinition[];
  /** Feed bodies per (feed, format, params, version) for the current config. */
  readonly renderCache: RenderCache<PreparedBody>;
  live: LiveConfig;
  log: Logger;
  clock: Clock;
  store: Store;
  http: HttpClient;
  scheduler: Scheduler;
  /** Deletes what retention lets go, on its schedule once started (a process that schedules starts it). */
  retention: PruneJob;
  metrics: Metrics;
  web: express.Express;
  /** What `listen` serves: `web`, with feed documents answered before Express. */
  listener: RequestListener;
  /** Starts watching the config folder; changes apply within a second. */
  watchConfig(options?: { debounceMs?: number }): ConfigWatcher;
  /** Stops the watcher and scheduler (waiting up to `graceMs` for runs), then closes the store. */
  close(graceMs?: number): Promise<void>;
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? configDir(env);
  const readOptions = { env };
  const live = new LiveConfig(loadConfig(dir, readOptions));
  const log = options.log ?? createLogger(live.current.logLevel);
  const clock = options.clock ?? systemClock;
  const store = options.store ?? (await openStore(live.current.databaseUrl, { clock }));
  await store.migrate();
  const metrics = createMetrics({ processMetrics: options.processMetrics });
  // Fetch settings and the port are read once: changing them needs a restart.
  const http = createHttpClient(live.current.global.fetch, {
    clock,
    log: log.child({ component: 'fetch' }),
    validators: store,
    onFetch: (url, status) => {
      metrics.observeFetch(url, status);
      options.onFetch?.(url, status);
    },
  });
  const feedStatus = new FeedStatus(store);
  // Read once, like the fetch settings: the thread count needs a restart.
  const threads = live.current.global.parse.threads ?? defaultParseThreads();
  const parser: Parser = options.parser ?? (threads === 0 ? inlineParser() : threadParser(threads, log.child({ component: 'parse' })));
  const renderThreads = live.current.global.feeds.renderThreads ?? defaultRenderThreads();
  const renderer = options.renderer ?? (renderThreads === 0 ? inlineRenderer() : threadRenderer(renderThreads, log.child({ component: 'render' })));

  // Derived per config: feed definitions, and a render cache (bodies carry titles and
  // links that a reload may change while the feed versions stay put).
  let derived = deriveFromConfig(live.current, metrics);
  const current = () => {
    if (derived.config !== live.current) derived = deriveFromConfig(live.current, metrics);
    return derived;
  };
  // Stops alert retries at close: a webhook that is down must not keep the process alive.
  const alertsStop = new AbortController();
  const scheduler = new Scheduler(live.current, { log, clock, store, http, parser, leases: leasesFor(live.current.databaseUrl, store, log, clock) }, {
    ...options.scheduler,
    onRunFinished: (outcome) => {
      feedStatus.invalidate(outcome.sourceId);
      metrics.observeRun(outcome);
      const { global } = live.current;
      if (global.websub.hub && outcome.new + outcome.updated > 0) {
        void pingHub(global.websub.hub, changedTopics(outcome.sourceId, current().feeds, global.baseUrl), log);
      }
      const event = outcome.health?.event;
      if (event && global.alerts.webhook) {
        const body = alertBody(event, healthTitle(event), global.baseUrl);
        void deliverAlert(global.alerts.webhook, body, { clock, log: log.child({ component: 'alerts' }), baseUrl: global.baseUrl, signal: alertsStop.signal });
      }
    },
  });
  live.onChange((next) => scheduler.update(next));
  const retention = new PruneJob({ store, clock, log, config: () => live.current, onPruned: (totals) => metrics.observePrune(totals) });
  const storeSize = storeSizeMemo(store, clock);
  metrics.watchStoreSize(storeSize);
  metrics.watchSourceHealth(() => Promise.all(live.current.sources.map(async (s) => ({ sourceId: s.id, health: await store.sourceHealth(s.id) }))));
  const serverDeps = {
    config: live.current,
    feeds: derived.feeds,
    renderCache: derived.renderCache,
    live: current,
    store,
    log,
    clock,
    feedStatus,
    renderer,
    parser,
    metrics,
    scheduler,
    storeSize,
    adminToken: env.ADMIN_TOKEN || undefined,
  };
  const web = createServer(serverDeps);
  const listener = createListener(serverDeps, web);

  const watchers: ConfigWatcher[] = [];
  return {
    get config() {
      return live.current;
    },
    get feeds() {
      return current().feeds;
    },
    get renderCache() {
      return current().renderCache;
    },
    live,
    log,
    clock,
    store,
    http,
    scheduler,
    retention,
    metrics,
    web,
    listener,
    watchConfig(watchOptions = {}) {
      const watcher = watchConfig(live, { dir, read: () => readConfig(dir, readOptions), log, ...watchOptions });
      watchers.push(watcher);
      return watcher;
    },
    async close(graceMs) {
      for (const w of watchers) w.close();
      const [abandoned] = await Promise.all([scheduler.stop(graceMs), retention.stop()]);
      if (abandoned.length > 0) log.warn({ sources: abandoned }, 'runs still going at shutdown: abandoned');
      await http.close();
      if (!options.parser) await parser.close();
      if (!options.renderer) await renderer.close();
      await store.close();
    },
  };
}

/** WebSub publish ping; a hub that is down costs a log line, never a run. */
async function pingHub(hub: string, topics: string[], log: Logger): Promise<void> {
  try {
    const res = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: websubPingBody(topics),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) log.warn({ hub, status: res.status }, 'websub ping refused');
    else log.debug({ hub, topics: topics.length }, 'websub ping sent');
  } catch (err) {
    log.warn({ err, hub }, 'websub ping failed');
  }
}

function deriveFromConfig(config: AppConfig, metrics: Metrics) {
  return {
    config,
    feeds: feedDefinitions(config),
    renderCache: new RenderCache<PreparedBody>({ ...RENDER_CACHE_LIMITS, onEvent: (event) => metrics.observeRenderCache(event) }),
  };
}

export function listen(app: App, port = app.config.global.port): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer(app.listener);
    server.once('error', reject);
    server.listen(port, () => {
      const { port: bound } = server.address() as AddressInfo;
      app.log.info({ port: bound, feeds: app.feeds.length }, 'listening');
      resolve(server);
    });
  });
}

/**
 * Run leases only where several processes share the database (PostgreSQL). SQLite is one
 * process on one host: there a lease could only get in the way, e.g. a restart after a
 * crash would wait for the dead process's lease to expire.
 */
function leasesFor(databaseUrl: string, store: Store, log: Logger, clock: Clock): SourceLeases | undefined {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? new SourceLeases(store, log, { clock }) : undefined;
}
