import { extractText } from '../extract/text.js';
import type { NormalizeRules } from '../config/schema.js';
import type { Story } from '../story.js';
import { normalizeStory } from './normalize-story.js';

export interface ParseTextOptions {
  sourceId?: string;
  filename?: string;
  rules?: Partial<NormalizeRules>;
  language?: string | null;
  /** IANA zone for dates printed without one (default UTC; `rules.timezone` wins). */
  timezone?: string;
}

/** A plain-text wire story (title on the first line, blank-line paragraphs) as a Story. */
export function parseTextStory(text: string, options: ParseTextOptions = {}): Story {
  return normalizeStory(extractText(text), {
    sourceId: options.sourceId ?? 'local',
    key: options.filename ?? text,
    rules: options.rules,
    language: options.language,
    timezone: options.timezone,
    layout: 'wire-text',
  });
}
