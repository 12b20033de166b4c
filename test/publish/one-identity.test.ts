// What a reader sees when it subscribes to one feed in two formats and to a combined feed
// holding the same stories: each story once, with one id, through real parsers
// (rss-parser for RSS and Atom, as several readers use it; feedsmith for JSON Feed).
import assert from 'node:assert/strict';
import { parseJsonFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { buildFeedModel } from '../../src/publish/build-feed-model.js';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import type { FeedFormat } from '../../src/publish/formats.js';
import { renderFeed } from '../../src/publish/render-feed.js';
import { feedCases } from './feed-fixtures.js';

interface Seen {
  id: string;
  link: string;
  title: string;
}

/** The items of one subscription as a reader keys them: guid / id, and link. */
async function subscribe(text: string, format: FeedFormat): Promise<Seen[]> {
  if (format === 'json') {
    return (parseJsonFeed(JSON.parse(text)).items ?? []).map((i) => ({ id: String(i.id), link: String(i.url), title: String(i.title) }));
  }
  const feed = await new Parser().parseString(text);
  return feed.items.map((i) => ({ id: String(format === 'rss' ? i.guid : (i as { id?: string }).id), link: String(i.link), title: String(i.title) }));
}

describe('one identity per story across formats and feeds (real parsers)', () => {
  for (const c of feedCases()) {
    it(`${c.name}: rss + atom + a combined json feed show each story once, with one id and one link`, async () => {
      const { definition, options, stories } = c.input;
      const combined: FeedDefinition = { ...definition, id: 'everything', kind: 'combined', title: 'Everything', sourceIds: [...definition.sourceIds, 'elsewhere'] };
      const subscriptions = await Promise.all([
        subscribe(renderFeed(c.model('rss'), 'rss'), 'rss'),
        subscribe(renderFeed(c.model('atom'), 'atom'), 'atom'),
        subscribe(renderFeed(buildFeedModel(combined, stories, { ...options, format: 'json' }), 'json'), 'json'),
        subscribe(renderFeed(buildFeedModel(combined, stories, { ...options, format: 'rss' }), 'rss'), 'rss'),
      ]);
      // A reader's list: one entry per id over every subscription.
      const byId = new Map<string, Seen[]>();
      for (const seen of subscriptions.flat()) byId.set(seen.id, [...(byId.get(seen.id) ?? []), seen]);
      assert.equal(byId.size, stories.length, 'each story once');
      for (const [id, copies] of byId) {
        assert.equal(copies.length, subscriptions.length, `${id} is in every subscription under the same id`);
        assert.equal(new Set(copies.map((s) => s.link)).size, 1, `${id}: one link`);
        assert.ok(!copies[0]!.link.includes('#'), `${id}: a link of its own, not a fragment of a feed page`);
      }
    });
  }

  it('keeps the id when the story is updated (new text, new URL, later change)', () => {
    const c = feedCases().find((x) => x.input.stories.length > 0)!;
    const [first] = c.input.stories;
    const before = buildFeedModel(c.input.definition, [first!], { ...c.input.options, format: 'rss' }).items[0]!;
    const edited = {
      ...first!,
      lastChanged: '2026-04-01T00:00:00.000Z',
      story: { ...first!.story, title: 'Corrected', url: 'https://news.example.com/corrected', updated: '2026-04-01T00:00:00.000Z' },
    };
    const after = buildFeedModel(c.input.definition, [edited], { ...c.input.options, format: 'rss' }).items[0]!;
    assert.equal(after.id, before.id);
    assert.equal(after.link, 'https://news.example.com/corrected');
  });
});
