import { storyId, type Story } from '../../src/story.js';

/** A valid Story with overridable fields, for store and renderer tests. */
export function makeStory(overrides: Partial<Story> & { key?: string } = {}): Story {
  const { key = 'story-1', ...rest } = overrides;
  const sourceId = rest.sourceId ?? 'inbox';
  return {
    id: storyId(sourceId, key),
    sourceId,
    url: null,
    title: 'Harbour bridge reopens',
    dateline: null,
    byline: null,
    credits: [],
    images: [],
    summary: 'The bridge reopened.',
    body: { text: 'The bridge reopened.', html: '<p>The bridge reopened.</p>' },
    published: '2026-03-04T09:00:00.000Z',
    updated: null,
    categories: [],
    language: 'en',
    ...rest,
  };
}
