import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { FeedDefinition } from '../publish/feed-definitions.js';
import type { Store } from '../store/store.js';

export interface ServerDeps {
  config: AppConfig;
  feeds: readonly FeedDefinition[];
  store: Store;
  log: Logger;
  clock: Clock;
}
