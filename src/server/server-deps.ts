import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../log.js';
import type { FeedDefinition } from '../publish/feed-definitions.js';
import type { FeedFormat } from '../publish/formats.js';
import type { RenderCache } from '../publish/render-cache.js';
import type { FeedRenderer } from './feed-renderer.js';
import type { FeedStatus } from './feed-status.js';
import type { PreparedBody } from './prepared-body.js';
import type { RunOutcome } from '../schedule/run-source.js';
import type { Parser } from '../sources/parser.js';
import type { Store, StoreSize } from '../store/store.js';
import type { Metrics } from './metrics.js';

/** What the server needs from the scheduler (the Scheduler class implements it). */
export interface SchedulerView {
  /** `off` in a web-only process, `stopped` while shutting down. */
  status(): 'off' | 'alive' | 'stopped';
  nextRun(sourceId: string): Promise<Date | null>;
  /** Starts a run now, resolving once started; rejects with SOURCE_NOT_FOUND or RUN_IN_PROGRESS before. */
  startRun(sourceId: string): Promise<{ outcome: Promise<RunOutcome> }>;
}

export interface ServerDeps {
  /** The config (and feeds) the routes were built for: a snapshot, see `live`. */
  config: AppConfig;
  feeds: readonly FeedDefinition[];
  store: Store;
  log: Logger;
  clock: Clock;
  /** Shared with app.ts so that metrics can read its counters; created here when absent. */
  renderCache?: RenderCache<PreparedBody>;
  feedStatus?: FeedStatus;
  /** Where feed documents are filtered and rendered: render threads in the app, the event loop when absent. */
  renderer?: FeedRenderer;
  /** Where push bodies are parsed: parse threads in the app, the event loop when absent. */
  parser?: Parser;
  /** Metrics hook: called once per feed document answered (200 or 304). */
  onFeedResponse?: (feedId: string, format: FeedFormat, status: 200 | 304) => void;
  /**
   * The current config and feeds after hot reloads, and the render cache that goes with
   * them (cached bodies carry titles and links); routes are rebuilt when the config changes.
   */
  live?: () => Pick<ServerDeps, 'config' | 'feeds' | 'renderCache'>;
  metrics?: Metrics;
  scheduler?: SchedulerView;
  /** The store's size and rows for /status (a memo: see store-size-memo.ts); unset: not shown. */
  storeSize?: () => Promise<StoreSize>;
  /** Bearer token for the admin API; unset disables it. */
  adminToken?: string;
}
