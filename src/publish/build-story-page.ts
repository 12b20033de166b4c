// Builds a story page's model (story-page.ts) from the stored story: values in, values out,
// derived from stored data and config only, so every web process renders the same bytes.
import type { StoredStory } from '../story.js';
import { buildFeedItem } from './build-feed-model.js';
import type { FeedDefinition } from './feed-definitions.js';
import { feedUrl } from './feed-url.js';
import type { StoryPage } from './story-page.js';
import { storyPageUrl } from './story-url.js';
import { STORY_VIEWS } from './story-views.js';

export interface StoryPageOptions {
  baseUrl: string;
  siteName: string;
  /** Every feed; those that carry the story's source are linked. */
  feeds: readonly FeedDefinition[];
  /** "Updated <date>: <what changed>" lines, newest first (story-diff.ts storyUpdates). */
  updates?: StoryPage['updates'];
}

export function buildStoryPage(stored: StoredStory, options: StoryPageOptions): StoryPage {
  const { story } = stored;
  const pageUrl = storyPageUrl(options.baseUrl, story.id);
  return {
    story,
    item: buildFeedItem(stored, options.baseUrl),
    pageUrl,
    canonicalUrl: story.url ?? pageUrl,
    siteName: options.siteName,
    firstSeen: new Date(stored.firstSeen),
    feeds: options.feeds
      .filter((f) => f.sourceIds.includes(story.sourceId))
      .map((f) => ({ href: feedUrl(options.baseUrl, f.id), title: f.title })),
    alternates: STORY_VIEWS.filter((v) => v.extension !== undefined).map((v) => ({
      href: storyPageUrl(options.baseUrl, story.id, v.extension),
      title: `${story.title} (${v.name})`,
      type: v.mediaType,
    })),
    updates: options.updates ?? [],
  };
}
