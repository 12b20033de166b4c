// A page extracted for a listing entry (a feed item, a sitemap URL) and what the listing
// said about it, as one RawStory for the normalizer.
import type { RawStory } from '../story.js';

/** The page wins field by field; the listing fills what the page lacks. The URL stays the listing's. */
export function mergeListed(extracted: RawStory, listed: RawStory, url: string): RawStory {
  const merged: RawStory = { ...listed };
  for (const [key, value] of Object.entries(extracted) as [keyof RawStory, unknown][]) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  // The body is the page's as a whole: never the page's paragraphs with the listing's HTML.
  if (extracted.paragraphs?.length || extracted.html) {
    merged.paragraphs = extracted.paragraphs;
    merged.html = extracted.html ?? null;
  }
  return { ...merged, url };
}
