import type { NormalizeRules } from '../config/schema.js';
import { extractNitf } from '../extract/nitf.js';
import type { Story } from '../story.js';
import { normalizeStory } from './normalize-story.js';

export interface ParseNitfOptions {
  sourceId?: string;
  /** The story's identity within its source; else the NITF doc-id, else the content. */
  filename?: string;
  rules?: Partial<NormalizeRules>;
  language?: string | null;
  /** IANA zone for NITF dates without an offset (default UTC; `rules.timezone` wins). */
  timezone?: string;
}

/** An NITF 3.x document as a Story. */
export function parseNitfStory(xml: string, options: ParseNitfOptions = {}): Story {
  const { raw, docId } = extractNitf(xml);
  return normalizeStory(raw, {
    sourceId: options.sourceId ?? 'local',
    key: options.filename ?? docId ?? xml,
    rules: options.rules,
    language: options.language,
    timezone: options.timezone,
  });
}
