import type { ExtractRules, GlobalConfig, NormalizeRules } from '../config/schema.js';
import type { StoryContext } from '../normalize/story-context.js';

/**
 * The story context of a source's config: its id, rules, language, selectors and the
 * global default zone (`rules.timezone` wins inside the normalizer). One place, so that
 * no source type (nor the push route, nor the CLI) forgets a field.
 */
export function storyContext(
  source: { id: string; normalize: Partial<NormalizeRules>; language?: string; extract?: Partial<ExtractRules> },
  global: GlobalConfig,
): StoryContext {
  return {
    sourceId: source.id,
    rules: source.normalize,
    language: source.language,
    timezone: global.defaults.timezone,
    ...(source.extract ? { extract: source.extract } : {}),
  };
}
