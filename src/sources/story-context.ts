import type { GlobalConfig, NormalizeRules } from '../config/schema.js';

export interface StoryContext {
  sourceId: string;
  rules: Partial<NormalizeRules>;
  language: string | undefined;
  timezone: string;
  allowIframes: readonly string[];
}

/**
 * What the normalizer needs from a source's config: its id, rules, language and
 * the global default zone (`rules.timezone` wins inside the normalizer). One place,
 * so that no source type forgets a field.
 */
export function storyContext(
  source: { id: string; normalize: Partial<NormalizeRules>; language?: string; extract?: { allowIframes?: readonly string[] } },
  global: GlobalConfig,
): StoryContext {
  return {
    sourceId: source.id,
    rules: source.normalize,
    language: source.language,
    timezone: global.defaults.timezone,
    allowIframes: source.extract?.allowIframes ?? [],
  };
}
