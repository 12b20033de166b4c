// Loads the renderer cases under test/fixtures/feeds/<case>/: input.json plus one
// expected.<format> per output format. Adding a case = adding a folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { buildFeedModel, type FeedModelOptions } from '../../src/publish/build-feed-model.js';
import type { FeedModel } from '../../src/publish/feed-model.js';
import type { FeedFormat } from '../../src/publish/formats.js';
import type { StoredStory } from '../../src/story.js';
import { fixtureCases } from '../support/fixture-cases.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/feeds');

export interface FeedCase {
  name: string;
  dir: string;
  input: { definition: FeedDefinition; options: Omit<FeedModelOptions, 'format'>; stories: StoredStory[] };
  model(format: FeedFormat): FeedModel;
}

/** The golden file of a case in one format (recorded by `npm run golden:update`). */
export function goldenFile(c: FeedCase, format: FeedFormat): string {
  return path.join(c.dir, `expected.${format}`);
}

export function feedCases(): FeedCase[] {
  return fixtureCases(FIXTURES).map(({ name, dir, json }) => {
    const input = json<FeedCase['input']>('input.json');
    return { name, dir, input, model: (format) => buildFeedModel(input.definition, input.stories, { ...input.options, format }) };
  });
}
