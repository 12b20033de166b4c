// extractStory: an HTML page -> Story (the library API). A thin name over buildStory's page path.
import type { ExtractRules, NormalizeRules } from '../config/schema.js';
import type { Story } from '../story.js';
import { buildStory } from './build-story.js';

export interface ExtractStoryOptions {
  /** The page's URL: relative links resolve against it; the story's URL unless the page names a canonical one. */
  url?: string;
  rules?: Partial<ExtractRules>;
  sourceId?: string;
  normalize?: Partial<NormalizeRules>;
  language?: string | null;
}

export function extractStory(html: string, options: ExtractStoryOptions = {}): Story {
  return buildStory(
    { kind: 'page', html, url: options.url },
    { sourceId: options.sourceId ?? 'local', extract: options.rules, rules: options.normalize, language: options.language },
  );
}
