import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { FeedDefinition } from '../publish/feed-definitions.js';
import type { FeedFormat } from '../publish/feed-model.js';
import type { RenderCache } from '../publish/render-cache.js';
import type { Store } from '../store/store.js';
import type { FeedStatus } from './feed-status.js';
import type { PreparedBody } from './prepared-body.js';

export interface ServerDeps {
  config: AppConfig;
  feeds: readonly FeedDefinition[];
  store: Store;
  log: Logger;
  clock: Clock;
  /** Shared with app.ts so that metrics can read its counters; created here when absent. */
  renderCache?: RenderCache<PreparedBody>;
  feedStatus?: FeedStatus;
  /** Metrics hook: called once per feed document answered (200 or 304). */
  onFeedResponse?: (feedId: string, format: FeedFormat, status: 200 | 304) => void;
}
