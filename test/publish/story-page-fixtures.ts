// Loads the story page cases under test/fixtures/story-pages/<case>/: input.json (a stored
// story, the feeds and the page options) and expected.html. Adding a case = adding a folder.
import path from 'node:path';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { buildStoryPage, type StoryPageOptions } from '../../src/publish/build-story-page.js';
import { renderStoryPage } from '../../src/publish/render-story-page.js';
import type { StoredStory } from '../../src/story.js';
import { fixtureCases } from '../support/fixture-cases.js';

export interface StoryPageCase {
  name: string;
  golden: string;
  input: { options: Omit<StoryPageOptions, 'feeds'>; feeds: FeedDefinition[]; stored: StoredStory };
  render(): string;
}

export function storyPageCases(): StoryPageCase[] {
  return fixtureCases('story-pages', 'input.json').map(({ name, dir, json }) => {
    const input = json<StoryPageCase['input']>('input.json');
    return {
      name,
      golden: path.join(dir, 'expected.html'),
      input,
      render: () => renderStoryPage(buildStoryPage(input.stored, { ...input.options, feeds: input.feeds })),
    };
  });
}
