// Whether a stored story may be shown on its own page: not before its embargo, and a
// withdrawn story only as what it is (its ninjs item says canceled; its page is gone).
import { AppError } from '../errors.js';
import type { Story } from '../story.js';

/** Throws STORY_NOT_FOUND for a story held back until later than `now`, STORY_WITHDRAWN for a withdrawn one unless `withdrawnShown`. */
export function assertStoryShown(json: string, now: Date, withdrawnShown: boolean): void {
  const story = JSON.parse(json) as Pick<Story, 'id' | 'embargoUntil' | 'withdrawn'>;
  if (story.embargoUntil && Date.parse(story.embargoUntil) > now.getTime()) throw new AppError('STORY_NOT_FOUND', `no story "${story.id}"`);
  if (story.withdrawn && !withdrawnShown) throw new AppError('STORY_WITHDRAWN', `story "${story.id}" was withdrawn: ${story.withdrawn.reason}`);
}
