// The whole configuration as loaded: global settings, the sources (their union is built
// by the source registry from each source type's own schema) and the combined feeds.
import type { SourceConfig } from '../sources/registry.js';
import type { FeedConfig, GlobalConfig } from './schema.js';

export interface AppConfig {
  /** The config directory the files came from. */
  dir: string;
  global: GlobalConfig;
  sources: SourceConfig[];
  feeds: FeedConfig[];
  databaseUrl: string;
  logLevel: string;
}
