// Composition root: config -> store -> scheduler -> server. Nothing else wires things.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { systemClock, type Clock } from './clock.js';
import { configDir, loadConfig } from './config/load-config.js';
import type { AppConfig } from './config/schema.js';
import { createHttpClient, type HttpClient } from './fetch/http-client.js';
import { createLogger, type Logger } from './log.js';
import { feedDefinitions, type FeedDefinition } from './publish/feed-definitions.js';
import { RenderCache } from './publish/render-cache.js';
import { changedTopics, websubPingBody } from './publish/websub.js';
import { Scheduler } from './schedule/scheduler.js';
import { SourceLeases } from './schedule/source-leases.js';
import { createListener, createServer } from './server/create-server.js';
import { FeedStatus } from './server/feed-status.js';
import type { PreparedBody } from './server/prepared-body.js';
import { SUPPORTED_SOURCE_TYPES } from './sources/registry.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  clock?: Clock;
  log?: Logger;
  store?: Store;
}

export interface App {
  config: AppConfig;
  feeds: FeedDefinition[];
  log: Logger;
  clock: Clock;
  store: Store;
  http: HttpClient;
  scheduler: Scheduler;
  web: express.Express;
  /** What `listen` serves: `web`, with feed documents answered before Express. */
  listener: RequestListener;
  /** Feed bodies per (feed, format, params, version); `stats` and `onEvent` feed /metrics. */
  renderCache: RenderCache<PreparedBody>;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const config = loadConfig(options.configDir ?? configDir(env), { env, supportedTypes: SUPPORTED_SOURCE_TYPES });
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const store = options.store ?? (await openStore(config.databaseUrl));
  await store.migrate();
  const feeds = feedDefinitions(config);
  const http = createHttpClient(config.global.fetch, { clock, log: log.child({ component: 'fetch' }), validators: store });
  const renderCache = new RenderCache<PreparedBody>();
  const feedStatus = new FeedStatus(store);
  const scheduler = new Scheduler(config, { log, clock, store, http, leases: leasesFor(config.databaseUrl, store, log) }, {
    onRunFinished: (outcome) => {
      feedStatus.invalidate(outcome.sourceId);
      if (config.global.websub.hub && outcome.new + outcome.updated > 0) {
        void pingHub(config.global.websub.hub, changedTopics(outcome.sourceId, feeds, config.global.baseUrl), log);
      }
    },
  });
  const serverDeps = { config, feeds, store, log, clock, renderCache, feedStatus };
  const web = createServer(serverDeps);
  const listener = createListener(serverDeps, web);
  return {
    config,
    feeds,
    log,
    clock,
    store,
    http,
    scheduler,
    web,
    listener,
    renderCache,
    async close() {
      await scheduler.stop();
      await http.close();
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
function leasesFor(databaseUrl: string, store: Store, log: Logger): SourceLeases | undefined {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? new SourceLeases(store, log) : undefined;
}
