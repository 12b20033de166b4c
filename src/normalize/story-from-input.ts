import { AppError } from '../errors.js';
import { StoryInputSchema, type Story } from '../story.js';
import { normalizeStory } from './normalize-story.js';
import type { StoryContext } from './story-context.js';

/**
 * A Story given as JSON (pushed or dropped as a .json file). Only `title` and a
 * body are required; the rest is derived. Invalid input names every field path.
 */
export function storyFromInput(input: unknown, ctx: StoryContext): Story {
  const parsed = StoryInputSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(story)'}: ${i.message}`);
    throw new AppError('INPUT_INVALID', `invalid story: ${details.join('; ')}`, { details });
  }
  const s = parsed.data;
  const text = s.body.text?.trim();
  return normalizeStory(
    {
      title: s.title,
      url: s.url ?? null,
      byline: s.byline ?? null,
      credits: s.credits,
      images: s.images,
      dateline: s.dateline ?? null,
      summary: s.summary ?? null,
      paragraphs: text ? text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean) : undefined,
      html: s.body.html ?? null,
      published: s.published ?? null,
      updated: s.updated ?? null,
      categories: s.categories,
      language: s.language ?? null,
      embargoUntil: s.embargoUntil ?? null,
    },
    { ...ctx, key: s.id ?? ctx.key },
  );
}
