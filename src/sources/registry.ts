// Source registry: one line per source type. The config union, the config loader's
// "must be one of" and the scheduler all derive from it.
import { z } from 'zod';
import { feedSource } from './feed.js';
import { filesSource } from './files.js';
import { htmlSource } from './html.js';
import { pushSource } from './push.js';
import { sitemapSource } from './sitemap.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';

const ADAPTERS = [filesSource, htmlSource, feedSource, sitemapSource, pushSource] as const;

type Schemas<A extends readonly { schema: unknown }[]> = { [K in keyof A]: A[K]['schema'] };

/** Every source file validates against this: the type picks the schema. */
export const SourceConfigSchema = z.discriminatedUnion('type', ADAPTERS.map((a) => a.schema) as unknown as Schemas<typeof ADAPTERS>);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type SourceType = SourceConfig['type'];
export type SourceOf<T extends SourceType> = Extract<SourceConfig, { type: T }>;

export const SOURCE_TYPES: readonly SourceType[] = ADAPTERS.map((a) => a.schema.shape.type.value);

/** An adapter as callers see it: it takes any source config, of its own type by construction. */
export interface SourceHandler {
  scheduled: boolean;
  collect(source: SourceConfig, deps: SourceDeps): AsyncIterable<Collected>;
  watch?(source: SourceConfig, deps: Pick<SourceDeps, 'log'>, run: () => Promise<unknown>): () => void;
}

const BY_TYPE = new Map<string, SourceAdapter>(ADAPTERS.map((a) => [a.schema.shape.type.value, a as unknown as SourceAdapter]));

/** The adapter of a source's type. A config only holds types the registry lists (the schema is built from it). */
export function adapterFor(source: SourceConfig): SourceHandler {
  // The one cast: the map pairs each type with the adapter whose schema made the config.
  return BY_TYPE.get(source.type) as unknown as SourceHandler;
}
