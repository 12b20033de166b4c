// What retention keeps of one source: the global settings with the source's overrides,
// and a floor of newest stories that no prune goes below, whatever their age.
import type { AppConfig } from '../config/app-config.js';

export interface RetentionPolicy {
  sourceId: string;
  /** Stories (and validators of URLs no story has) older than this may go (ISO). */
  storiesBefore: string;
  /** Finished runs started before this, and changes of health before it, may go (ISO). */
  runsBefore: string;
  /**
   * The newest stories of the source that always stay: the most any feed shows of it on
   * one page (a `?limit=` up to feeds.maxLimit, its own maxItems), or keepStories if more.
   */
  keepNewest: number;
}

const DAY_MS = 86_400_000;

/**
 * The policy of every source: configured ones with their overrides, and sources whose rows
 * remain after they left the config with the global settings.
 */
export function retentionPolicies(config: AppConfig, storedSourceIds: readonly string[], now: Date): RetentionPolicy[] {
  const { global } = config;
  const { retention } = global;
  const configured = new Map(config.sources.map((s) => [s.id, s]));
  const ids = [...new Set([...configured.keys(), ...storedSourceIds])];
  return ids.map((sourceId) => {
    const source = configured.get(sourceId);
    const own = source?.retention ?? {};
    const keepNewest = Math.max(
      own.keepStories ?? retention.keepStories,
      global.feeds.maxLimit,
      source?.maxItems ?? global.defaults.maxItems,
      ...config.feeds.filter((f) => f.sources.includes(sourceId)).map((f) => f.limit ?? global.feeds.defaultLimit),
    );
    return {
      sourceId,
      storiesBefore: new Date(now.getTime() - (own.storyDays ?? retention.storyDays) * DAY_MS).toISOString(),
      runsBefore: new Date(now.getTime() - (own.runDays ?? retention.runDays) * DAY_MS).toISOString(),
      keepNewest,
    };
  });
}
