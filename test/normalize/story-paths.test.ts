// One story, five ways in: an article page, a feed item's content:encoded, a pushed JSON
// story with body.html, a .html story file and a .txt story file. Each folder under
// test/fixtures/story-paths/ holds the same story in all five forms (page.html, feed.xml,
// push.json, story.html, story.txt) and expected.json: the dateline, credits, images
// (caption and credit) and paragraphs every path must produce. Adding a story is adding a folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedItems } from '../../src/extract/feed-items.js';
import { extractHtml } from '../../src/extract/html.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';
import type { StoryContext } from '../../src/normalize/story-context.js';
import { parseStoryFile } from '../../src/normalize/parse-story-file.js';
import { storyFromInput } from '../../src/normalize/story-from-input.js';
import type { Story } from '../../src/story.js';

const DIR = fileURLToPath(new URL('../fixtures/story-paths/', import.meta.url));
const MIN_STORIES = 2;

/** The fields every path must agree on; images without a caption (a page's og:image) are the page's, not the story's. */
function compared(story: Story) {
  return {
    dateline: story.dateline,
    credits: story.credits,
    images: story.images.filter((i) => i.caption !== null).map((i) => ({ caption: i.caption, credit: i.credit })),
    paragraphs: story.body.text.split('\n\n'),
  };
}
type Compared = ReturnType<typeof compared>;

const ctx: StoryContext = { sourceId: 'paths' };
const PATHS: Record<string, (dir: string) => Story> = {
  // As the html source's parse thread does it (src/sources/parse-worker.ts pageStory).
  page: (dir) => normalizeStory(extractHtml(read(dir, 'page.html'), { url: 'https://news.example.com/page' }), ctx),
  // As the feed source does it: each item's raw story, normalized.
  feed: (dir) => {
    const items = parseFeedItems(read(dir, 'feed.xml'), { url: 'https://news.example.com/feed.xml' }).items;
    assert.equal(items.length, 1, 'feed.xml holds one item');
    return normalizeStory(items[0]!.raw, ctx);
  },
  push: (dir) => storyFromInput(JSON.parse(read(dir, 'push.json')), ctx),
  'html file': (dir) => parseStoryFile(read(dir, 'story.html'), 'story.html', ctx),
  'txt file': (dir) => parseStoryFile(read(dir, 'story.txt'), 'story.txt', ctx),
};

function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

const stories = readdirSync(DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('one story from every path (test/fixtures/story-paths)', () => {
  it(`has at least ${MIN_STORIES} stories`, () => {
    assert.ok(stories.length >= MIN_STORIES, `${stories.length} stories`);
  });

  for (const name of stories) {
    describe(name, () => {
      const dir = path.join(DIR, name);
      const expected = JSON.parse(read(dir, 'expected.json')) as Compared;
      for (const [via, run] of Object.entries(PATHS)) {
        it(`${via}: same dateline, credits, images and paragraphs`, () => {
          const actual = compared(run(dir));
          // Field by field, so that a failure names the field.
          for (const field of Object.keys(expected) as (keyof Compared)[]) {
            assert.deepEqual(actual[field], expected[field], `${name} via ${via}: ${field}`);
          }
        });
      }
    });
  }
});
