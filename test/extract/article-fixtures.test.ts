// Article layouts that lost text on real sites, one small page each written for these tests
// (test/fixtures/articles/<case>/: page.html, expected.txt with the body's paragraphs
// separated by blank lines, and optionally expected.json with the published date, and
// story.json with what the normalized story must say: its fields, and text its body HTML must not carry).
import assert from 'node:assert/strict';
import { extractHtml } from '../../src/extract/html.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';
import type { Story } from '../../src/story.js';
import { fixtureCases } from '../support/fixture-cases.js';

type StoryExpectation = Partial<Pick<Story, 'published' | 'dateline' | 'byline' | 'credits'>> & {
  images?: { caption: string | null; credit: string | null }[];
  paragraphs?: string[];
  htmlExcludes?: string[];
};

describe('extractHtml on article layouts (test/fixtures/articles)', () => {
  const cases = fixtureCases('articles', 'page.html');
  it('has a case for every loss kind', () => assert.ok(cases.length >= 12, `${cases.length} cases`));
  for (const c of cases) {
    it(c.name, () => {
      const raw = extractHtml(c.read('page.html'), { url: `https://news.example.com/${c.name}.html` });
      const expected = c.read('expected.txt').trim().split(/\n\s*\n/).map((p) => p.trim());
      assert.deepEqual(raw.paragraphs, expected);
      if (c.has('expected.json')) assert.equal(raw.published, c.json<{ published: string | null }>('expected.json').published);
      if (!c.has('story.json')) return;
      const story = normalizeStory(raw, { sourceId: 'articles' });
      const { images, paragraphs, htmlExcludes, ...fields } = c.json<StoryExpectation>('story.json');
      for (const [field, value] of Object.entries(fields)) assert.deepEqual(story[field as keyof typeof fields], value, `story ${field}`);
      if (images) assert.deepEqual(story.images.map((i) => ({ caption: i.caption, credit: i.credit })), images, 'story images');
      if (paragraphs) assert.deepEqual(story.body.text.split('\n\n'), paragraphs, 'story paragraphs');
      for (const text of htmlExcludes ?? []) assert.ok(!story.body.html.includes(text), `body.html carries ${text}: ${story.body.html}`);
    });
  }
});
