import type { ExtractRules, NormalizeRules } from '../config/schema.js';

/**
 * Everything a story build reads besides its input, whatever the path (a page, a feed
 * item, a story file, a pushed body): the source's settings and the story's identity key.
 * `storyContext` (src/sources/) makes one from a source's config, so no path forgets a field.
 */
export interface StoryContext {
  sourceId: string;
  /** Identity when the story has no URL: a file name, a guid, or the content itself. */
  key?: string;
  rules?: Partial<NormalizeRules>;
  language?: string | null;
  /** IANA zone for dates printed without one, when `rules.timezone` is unset (global `defaults.timezone`). */
  timezone?: string;
  /** The source's `extract:` rules: selectors for article pages, and `allowIframes`, the hosts whose https iframes may stay in body.html. */
  extract?: Partial<ExtractRules>;
  /** 'wire-text': plain text whose captions and photographer lines stand above the dateline lead. */
  layout?: 'wire-text';
}
