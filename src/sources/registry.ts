// Source registry: one line per source type. Config validation and the scheduler derive from it.
import type { SourceConfig, SourceType } from '../config/schema.js';
import { feedSource } from './feed.js';
import { filesSource } from './files.js';
import { htmlSource } from './html.js';
import { pushSource } from './push.js';
import { sitemapSource } from './sitemap.js';
import type { SourceAdapter } from './source-adapter.js';

const ADAPTERS: { [T in SourceType]?: SourceAdapter<T> } = {
  files: filesSource,
  feed: feedSource,
  push: pushSource,
  sitemap: sitemapSource,
  html: htmlSource,
};

export const SUPPORTED_SOURCE_TYPES = Object.keys(ADAPTERS) as SourceType[];

export function adapterFor<T extends SourceType>(source: SourceConfig & { type: T }): SourceAdapter<T> | undefined {
  return ADAPTERS[source.type] as SourceAdapter<T> | undefined;
}
