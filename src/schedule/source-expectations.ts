// What a source's runs should look like: its `expect:` keys over the defaults of its type.
import type { Expectations } from '../config/schema.js';
import type { SourceConfig } from '../sources/registry.js';

/**
 * Defaults per type, kept loose so that a healthy source never trips them: scraped pages
 * (html, sitemap) usually carry a date in their markup or JSON-LD, and feed items almost
 * always do. Story files and push bodies are whatever their sender writes: no defaults.
 */
const TYPE_DEFAULTS: Record<SourceConfig['type'], Expectations> = {
  html: { withDate: 0.5 },
  sitemap: { withDate: 0.5 },
  feed: { withDate: 0.8 },
  files: {},
  push: {},
};

export function expectationsOf(source: SourceConfig): Expectations {
  const own = Object.fromEntries(Object.entries(source.expect ?? {}).filter(([, v]) => v !== undefined));
  return { ...TYPE_DEFAULTS[source.type], ...own };
}

/** The site a source's story links should be on (its configured URL's host), or null. */
export function siteOf(source: SourceConfig): string | null {
  return 'url' in source && typeof source.url === 'string' ? new URL(source.url).hostname.toLowerCase() : null;
}
