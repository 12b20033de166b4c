// Every feed wirefeed serves: one per source, plus the combined feeds of config/feeds/.
import type { AppConfig } from '../config/app-config.js';
import type { FeedConfig } from '../config/schema.js';

export interface FeedDefinition {
  id: string;
  kind: 'source' | 'combined';
  title: string;
  description: string;
  sourceIds: string[];
  limit: number;
  language: string;
  /** How long readers may cache, from the sources' schedules. */
  ttlMinutes: number;
  include?: FeedConfig['include'];
  exclude?: FeedConfig['exclude'];
}

export function feedDefinitions(config: AppConfig): FeedDefinition[] {
  const { global } = config;
  const ttl = new Map(config.sources.map((s) => [s.id, ttlMinutes(s.schedule ?? global.defaults.schedule)]));
  const perSource = config.sources.map<FeedDefinition>((s) => ({
    id: s.id,
    kind: 'source',
    title: s.title ?? s.id,
    description: s.description ?? `Stories from ${s.title ?? s.id}`,
    sourceIds: [s.id],
    limit: Math.min(s.maxItems ?? global.feeds.defaultLimit, global.feeds.maxLimit),
    language: s.language ?? global.defaults.language,
    ttlMinutes: ttl.get(s.id) ?? 15,
  }));
  const combined = config.feeds.map<FeedDefinition>((f) => ({
    id: f.id,
    kind: 'combined',
    title: f.title,
    description: f.description ?? `${f.title}: stories from ${f.sources.join(', ')}`,
    sourceIds: [...f.sources],
    limit: Math.min(f.limit ?? global.feeds.defaultLimit, global.feeds.maxLimit),
    language: global.defaults.language,
    ttlMinutes: Math.min(...f.sources.map((id) => ttl.get(id) ?? 15)),
    include: f.include,
    exclude: f.exclude,
  }));
  return [...perSource, ...combined];
}

/**
 * A cache lifetime from a cron expression: the minute step of "*\/N" forms, an
 * hour for hourly patterns, else 15 minutes. Deliberately coarse: readers only
 * need an order of magnitude, and a precise cron walk per feed is not worth it.
 */
export function ttlMinutes(cron: string): number {
  const fields = cron.trim().split(/\s+/);
  const minute = fields.length === 6 ? fields[1] : fields[0];
  const hour = fields.length === 6 ? fields[2] : fields[1];
  const step = /^\*\/(\d+)$/.exec(minute ?? '');
  if (step) return Math.max(1, Number(step[1]));
  if (minute === '*') return 1;
  if (/^\d+$/.test(minute ?? '') && hour === '*') return 60;
  if (/^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '')) return 24 * 60;
  return 15;
}
