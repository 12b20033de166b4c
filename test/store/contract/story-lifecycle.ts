// The story lifecycle in the stories role: versions kept on real changes only, kills,
// embargoes held back from listings and counted in the feed state when they lift.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/store.js';
import { makeStory } from '../../support/make-story.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

const T2 = new Date('2026-03-04T12:00:00.000Z');
const T3 = new Date('2026-03-04T13:00:00.000Z');

export function storyLifecycleContract(s: StoreUnderTest): void {
  describe('story lifecycle', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });
    const titles = async (visibleAt?: Date) =>
      (await store.listStories({ sourceIds: ['inbox'], limit: 10, visibleAt: visibleAt?.toISOString() })).map((x) => x.story.title);

    it('keeps the previous version of a real change, with what changed, when, the run and the correction note', async () => {
      const first = makeStory({ body: { text: 'The bridge reopened.\n\nIt cost $4 million.', html: '<p>The bridge reopened.</p><p>It cost $4 million.</p>' } });
      assert.equal(await store.upsertStory(first, T0, 7), 'new');
      const corrected = {
        ...first,
        body: { text: 'The bridge reopened.\n\nIt cost $4.5 million.\n\nCorrects paragraph 2 to show the cost was $4.5 million.', html: '<p>x</p>' },
        correction: 'Corrects paragraph 2 to show the cost was $4.5 million.',
      };
      assert.equal(await store.upsertStory(corrected, T1, 8), 'updated');
      const history = await store.storyHistory(first.id);
      assert.ok(history);
      assert.equal(history.versions.length, 2);
      const [v1, v2] = history.versions;
      assert.equal(v1?.story.body.text, first.body.text);
      assert.equal(v1?.storedAt, T0.toISOString());
      assert.deepEqual(v1?.changes, []);
      assert.equal(v2?.storedAt, T1.toISOString());
      assert.equal(v2?.runId, 8);
      assert.deepEqual(v2?.changes, ['paragraphs']);
      assert.equal(v2?.note, corrected.correction);
      assert.equal(history.firstSeen, T0.toISOString());
      // The same correction sent again is no change, and a later change does not repeat the note.
      assert.equal(await store.upsertStory(corrected, T2, 9), 'unchanged');
      assert.equal(await store.upsertStory({ ...corrected, title: 'Harbour bridge reopens early' }, T3, 9), 'updated');
      const later = (await store.storyHistory(first.id))?.versions;
      assert.equal(later?.length, 3);
      assert.deepEqual(later?.[2]?.changes, ['title']);
      assert.equal(later?.[2]?.note, null);
    });

    it('makes no version, and moves no date, for whitespace, tracking parameters or the story\'s own updated date', async () => {
      const story = makeStory({ url: 'https://news.example/bridge?id=4', title: 'Harbour bridge reopens', updated: '2026-03-04T09:00:00.000Z' });
      await store.upsertStory(story, T0);
      const same = {
        ...story,
        url: 'https://news.example/bridge?id=4&utm_source=rss&fbclid=abc',
        title: '  Harbour   bridge\nreopens ',
        body: { text: 'The  bridge\n reopened. ', html: '<p>The bridge reopened.</p>\n' },
        updated: '2026-03-04T10:30:00.000Z',
      };
      assert.equal(await store.upsertStory(same, T1), 'unchanged');
      const [stored] = await store.listStories({ sourceIds: ['inbox'], limit: 1 });
      assert.equal(stored?.lastChanged, T0.toISOString());
      assert.equal(stored?.story.updated, '2026-03-04T09:00:00.000Z');
      assert.equal((await store.storyHistory(story.id))?.versions.length, 1);
      const before = await store.feedState(['inbox']);
      assert.equal(await store.upsertStory(same, T2), 'unchanged');
      assert.equal((await store.feedState(['inbox'])).version, before.version);
    });

    it('withdraws a story: kept, marked, still listed (for tombstones); once', async () => {
      const story = makeStory();
      await store.upsertStory(story, T0);
      const before = await store.feedState(['inbox']);
      assert.equal(await store.withdrawStory('inbox', story.id, 'legal', T1, 3), 'withdrawn');
      assert.equal(await store.withdrawStory('inbox', story.id, 'legal', T2), 'unchanged');
      assert.equal(await store.withdrawStory('other', story.id, 'legal', T2), 'unknown');
      assert.equal(await store.withdrawStory('inbox', 'f'.repeat(24), 'legal', T2), 'unknown');
      assert.ok((await store.feedState(['inbox'])).version > before.version);
      const [listed] = await store.listStories({ sourceIds: ['inbox'], limit: 5 });
      assert.deepEqual(listed?.story.withdrawn, { at: T1.toISOString(), reason: 'legal' });
      assert.equal(listed?.story.title, story.title);
      const history = await store.storyHistory(story.id);
      assert.deepEqual(history?.versions.map((v) => v.changes), [[], ['withdrawn']]);
    });

    it('a kill notice stored over a story keeps its content; a withdrawn story stays withdrawn', async () => {
      const story = makeStory();
      await store.upsertStory(story, T0);
      const kill = makeStory({ title: 'KILL', body: { text: 'This story has been withdrawn.', html: '<p>This story has been withdrawn.</p>' }, withdrawn: { at: null, reason: 'error' } });
      assert.equal(await store.upsertStory(kill, T1), 'updated');
      assert.equal(await store.upsertStory(kill, T2), 'unchanged');
      assert.equal(await store.upsertStory({ ...story, title: 'Harbour bridge reopens early' }, T3), 'updated');
      const [listed] = await store.listStories({ sourceIds: ['inbox'], limit: 5 });
      assert.equal(listed?.story.title, 'Harbour bridge reopens early');
      assert.deepEqual(listed?.story.withdrawn, { at: T1.toISOString(), reason: 'error' });
    });

    it('holds an embargoed story back from listings until its time, and the feed state turns over when it lifts', async () => {
      await store.upsertStory(makeStory({ key: 'open', title: 'open' }), T0);
      await store.upsertStory(makeStory({ key: 'held', title: 'held', embargoUntil: T2.toISOString() }), T0);
      assert.deepEqual(await titles(T1), ['open']);
      assert.deepEqual((await titles()).sort(), ['held', 'open'], 'without visibleAt every story is listed');
      const before = await store.feedState(['inbox'], T1);
      assert.deepEqual(await store.feedState(['inbox'], T1), before, 'stable before the lift');
      const after = await store.feedState(['inbox'], T2);
      assert.deepEqual((await titles(T2)).sort(), ['held', 'open']);
      assert.notEqual(after.version, before.version);
      assert.equal(after.lastChanged, T2.toISOString());
      assert.deepEqual(await store.feedState(['inbox'], T3), after, 'counted once');
    });

    it('an embargo moved while held moves; once out, a story is never held back again', async () => {
      const held = makeStory({ key: 'held', title: 'held', embargoUntil: T2.toISOString() });
      await store.upsertStory(held, T0);
      await store.upsertStory({ ...held, embargoUntil: T3.toISOString() }, T1);
      assert.deepEqual(await titles(T2), []);
      assert.deepEqual(await titles(T3), ['held']);
      await store.upsertStory({ ...held, embargoUntil: '2026-03-05T00:00:00.000Z', title: 'held again' }, T3);
      assert.deepEqual(await titles(T3), ['held again']);
      // A story stored after its embargo time was never held back.
      await store.upsertStory(makeStory({ key: 'late', title: 'late', embargoUntil: T0.toISOString() }), T1);
      assert.ok((await titles(T1)).includes('late'));
      assert.equal((await store.storyHistory(makeStory({ key: 'late' }).id))?.embargoUntil, null);
    });
  });
}
