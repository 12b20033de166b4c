// The stories role: upserts by stable id, feed listings, feed state, known URLs, stats.
import assert from 'node:assert/strict';
import { parseStoryRow } from '../../../src/stored-story.js';
import { sortDate, type Store } from '../../../src/store/store.js';
import { makeStory } from '../../support/make-story.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

export function storyContract(s: StoreUnderTest): void {
  describe('stories', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('upserts by stable id: new, unchanged, updated', async () => {
      const story = makeStory();
      assert.equal(await store.upsertStory(story, T0), 'new');
      assert.equal(await store.upsertStory(story, T1), 'unchanged');
      assert.equal(await store.upsertStory({ ...story, title: 'Harbour bridge reopens early' }, T1), 'updated');
      const [stored, ...rest] = await store.listStories({ sourceIds: ['inbox'], limit: 10 });
      assert.equal(rest.length, 0, 'no duplicate');
      assert.equal(stored?.story.title, 'Harbour bridge reopens early');
      assert.equal(stored?.firstSeen, T0.toISOString());
      assert.equal(stored?.lastChanged, T1.toISOString());
      assert.equal(await store.countStories('inbox'), 1);
    });

    it('reads one story by id, with its stored dates; null for an unknown id', async () => {
      const story = makeStory({ key: 'one', title: 'First' });
      await store.upsertStory(story, T0);
      await store.upsertStory({ ...story, title: 'Second' }, T1);
      const row = await store.storyRow(story.id);
      assert.ok(row);
      const stored = parseStoryRow(row);
      assert.equal(stored.story.title, 'Second');
      assert.equal(stored.firstSeen, T0.toISOString());
      assert.equal(stored.lastChanged, T1.toISOString());
      assert.equal(await store.storyRow('0'.repeat(24)), null);
    });

    it('lists newest first per source, with a limit and a before cursor', async () => {
      for (const [i, day] of ['01', '03', '02'].entries()) {
        await store.upsertStory(makeStory({ key: `s${i}`, published: `2026-03-${day}T00:00:00.000Z`, title: day }), T0);
      }
      await store.upsertStory(makeStory({ key: 'other', sourceId: 'other', published: '2026-03-09T00:00:00.000Z' }), T0);
      const titles = async (q: Parameters<Store['listStories']>[0]) =>
        (await store.listStories(q)).map((s) => s.story.title);
      assert.deepEqual(await titles({ sourceIds: ['inbox'], limit: 10 }), ['03', '02', '01']);
      assert.deepEqual(await titles({ sourceIds: ['inbox'], limit: 2 }), ['03', '02']);
      assert.deepEqual(await titles({ sourceIds: ['inbox'], limit: 10, before: '2026-03-03T00:00:00.000Z' }), ['02', '01']);
      assert.equal((await store.listStories({ sourceIds: ['inbox', 'other'], limit: 10 })).length, 4);
    });

    it('pages by a (date, id) cursor without skipping stories that share a date', async () => {
      const same = '2026-03-02T00:00:00.000Z';
      for (const key of ['a', 'b', 'c']) await store.upsertStory(makeStory({ key, published: same, title: key }), T0);
      await store.upsertStory(makeStory({ key: 'old', published: '2026-03-01T00:00:00.000Z', title: 'old' }), T0);
      const all = await store.listStories({ sourceIds: ['inbox'], limit: 10 });
      const ids = all.map((s) => s.story.id);
      const pivot = all[1]!;
      const rest = await store.listStories({ sourceIds: ['inbox'], limit: 10, before: same, beforeId: pivot.story.id });
      assert.deepEqual(rest.map((s) => s.story.id), ids.slice(2), 'the rest after the cursor, in order');
      assert.equal(rest.at(-1)?.story.title, 'old');
    });

    it('sorts a story without a published date by when it was first seen', async () => {
      await store.upsertStory(makeStory({ key: 'dated', published: '2026-03-04T09:00:00.000Z', title: 'dated' }), T0);
      await store.upsertStory(makeStory({ key: 'undated', published: null, title: 'undated' }), T1);
      const [first] = await store.listStories({ sourceIds: ['inbox'], limit: 10 });
      assert.equal(first?.story.title, 'undated');
      assert.equal(first?.story.published, null, 'the date is not invented');
    });

    it('lists rows unparsed: the same stories, with the effective date and id of each', async () => {
      await store.upsertStory(makeStory({ key: 'dated', published: '2026-03-04T09:00:00.000Z', title: 'dated' }), T0);
      await store.upsertStory(makeStory({ key: 'undated', published: null, title: 'undated' }), T1);
      const q = { sourceIds: ['inbox'], limit: 10 };
      const [rows, stories] = await Promise.all([store.listStoryRows(q), store.listStories(q)]);
      assert.deepEqual(rows.map(parseStoryRow), stories);
      assert.deepEqual(
        rows.map((r) => [r.sortDate, r.id]),
        stories.map((s) => [sortDate(s), s.story.id]),
      );
      assert.equal(rows[0]?.sortDate, T1.toISOString(), 'undated: sorted by when first seen');
    });

    it('bumps the feed version only when a story changes', async () => {
      assert.deepEqual(await store.feedState(['inbox']), { version: 0, lastChanged: null });
      await store.upsertStory(makeStory(), T0);
      const v1 = await store.feedState(['inbox']);
      await store.upsertStory(makeStory(), T1);
      assert.deepEqual(await store.feedState(['inbox']), v1);
      await store.upsertStory(makeStory({ title: 'changed' }), T1);
      const v2 = await store.feedState(['inbox']);
      assert.ok(v2.version > v1.version);
      assert.equal(v2.lastChanged, T1.toISOString());
    });

    it('remembers when a feed was first served, per feed', async () => {
      assert.equal(await store.firstServed('world', T0), T0.toISOString());
      assert.equal(await store.firstServed('world', T1), T0.toISOString());
      assert.equal(await store.firstServed('local', T1), T1.toISOString());
    });

    it('knows the URLs of stored stories and of fetched pages, per source', async () => {
      const storyUrl = 'https://news.example.com/2026/03/04/bridge';
      await store.upsertStory(makeStory({ key: 'a', url: storyUrl }), T0);
      await store.saveValidators('inbox', 'https://news.example.com/fetched', { etag: null, lastModified: null, checkedAt: T0.toISOString() });
      const many = Array.from({ length: 1200 }, (_, i) => `https://news.example.com/n${i}`);
      const known = await store.knownUrls('inbox', [...many, storyUrl, 'https://news.example.com/fetched']);
      assert.deepEqual([...known].sort(), [storyUrl, 'https://news.example.com/fetched'].sort());
      assert.equal((await store.knownUrls('other', [storyUrl])).size, 0);
    });

    it('counts stories in total, in the last 24 hours and per day first seen', async () => {
      const now = new Date('2026-03-05T12:00:00.000Z');
      const seen = ['2026-03-01T10:00:00.000Z', '2026-03-04T11:00:00.000Z', '2026-03-04T13:00:00.000Z', '2026-03-05T09:00:00.000Z'];
      for (const [i, at] of seen.entries()) await store.upsertStory(makeStory({ key: `k${i}` }), new Date(at));
      await store.upsertStory(makeStory({ key: 'elsewhere', sourceId: 'other' }), now);
      const stats = await store.storyStats('inbox', now, new Date('2026-03-02T00:00:00.000Z'));
      assert.equal(stats.total, 4);
      assert.equal(stats.last24h, 2);
      assert.deepEqual(stats.perDay, [
        { day: '2026-03-04', count: 2 },
        { day: '2026-03-05', count: 1 },
      ]);
    });
  });
}
