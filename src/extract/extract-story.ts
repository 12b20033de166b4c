// extractStory: an HTML page -> Story (the library API, `wirefeed extract`, the html source).
import type { ExtractRules, NormalizeRules } from '../config/schema.js';
import { normalizeStory } from '../normalize/normalize-story.js';
import type { Story } from '../story.js';
import { extractHtml } from './html.js';

export interface ExtractStoryOptions {
  /** The page's URL: relative links resolve against it; the story's URL unless the page names a canonical one. */
  url?: string;
  rules?: Partial<ExtractRules>;
  sourceId?: string;
  normalize?: Partial<NormalizeRules>;
  language?: string | null;
}

export function extractStory(html: string, options: ExtractStoryOptions = {}): Story {
  const raw = extractHtml(html, { url: options.url ?? null, rules: options.rules });
  return normalizeStory(raw, {
    sourceId: options.sourceId ?? 'local',
    key: raw.url ?? options.url,
    rules: options.normalize,
    language: options.language,
    allowIframes: options.rules?.allowIframes,
  });
}
