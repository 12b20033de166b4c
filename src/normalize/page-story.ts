import { extractHtml } from '../extract/html.js';
import type { RawStory, Story } from '../story.js';
import { mergeListed } from './merge-listed.js';
import { normalizeStory } from './normalize-story.js';
import type { StoryContext } from './story-context.js';

export interface PageInput {
  html: string;
  /** Where the page was served from: relative links resolve against it; its URL unless it names a canonical one. */
  url?: string | null;
  /** What a listing (feed item, sitemap entry) said of the page, and its link: the story's URL. */
  listed?: { raw: RawStory; url: string };
}

/** An article page -> Story: extracted with the source's selectors, then normalized. */
export function pageStory(page: PageInput, ctx: StoryContext): Story {
  const raw = extractHtml(page.html, { url: page.url ?? null, rules: ctx.extract });
  return normalizeStory(page.listed ? mergeListed(raw, page.listed.raw, page.listed.url) : raw, { ...ctx, key: ctx.key ?? page.url ?? undefined });
}
