import assert from 'node:assert/strict';
import { parseFeedItems } from '../../src/extract/feed-items.js';
import { fixtureCases } from '../support/fixture-cases.js';

// Each folder under fixtures/feeds-in is one case: feed.xml or feed.json, and
// expected.json naming only the fields that matter for the case.
const FEED_INPUTS = ['feed.xml', 'feed.json'];
const FEED_URL = 'https://news.example.com/feeds/world.xml';

interface Expected {
  format: string;
  title?: string;
  language?: string;
  repaired?: boolean;
  items: Record<string, unknown>[];
}

describe('parseFeedItems (fixtures/feeds-in)', () => {
  for (const c of fixtureCases('feeds-in')) {
    it(c.name, () => {
      const expected = c.json<Expected>('expected.json');
      const parsed = parseFeedItems(c.read(c.first(FEED_INPUTS)!), { url: FEED_URL });
      assert.equal(parsed.format, expected.format);
      if (expected.title !== undefined) assert.equal(parsed.title, expected.title);
      if (expected.language !== undefined) assert.equal(parsed.language, expected.language);
      if (expected.repaired !== undefined) assert.equal(parsed.repaired, expected.repaired);
      assert.equal(parsed.items.length, expected.items.length, 'item count');
      expected.items.forEach((want, i) => {
        const item = parsed.items[i]!;
        const got: Record<string, unknown> = { ...item.raw, guid: item.guid };
        for (const [key, value] of Object.entries(want)) assert.deepEqual(got[key], value, `item ${i} ${key}`);
      });
    });
  }
});

describe('parseFeedItems', () => {
  it('throws PARSE_FAILED for a document that is no feed at all', () => {
    assert.throws(() => parseFeedItems('<html><body>Not here</body></html>', { url: FEED_URL }), { code: 'PARSE_FAILED' });
    assert.throws(() => parseFeedItems('{"version": "https://jsonfeed.org/version/1.1", "items": [', { url: FEED_URL }), {
      code: 'PARSE_FAILED',
    });
  });

  it('expands no entity bomb: a hostile 1 KB document parses fast into a small result', () => {
    const text = fixtureCases('feeds-in').find((c) => c.name === 'xxe-and-entity-bomb')!.read('feed.xml');
    const parsed = parseFeedItems(text, { url: FEED_URL });
    assert.ok(JSON.stringify(parsed).length < 2_000, 'no expansion happened');
    assert.doesNotMatch(JSON.stringify(parsed), /root:/, 'no file was read');
  });
});
