// One behavioural suite for every Store backend (Kysely-style): each backend file calls it.
import assert from 'node:assert/strict';
import { parseStoryRow, sortDate, storyContentHash, type Store } from '../../src/store/store.js';
import { makeStory } from '../support/make-story.js';

const T0 = new Date('2026-03-04T10:00:00.000Z');
const T1 = new Date('2026-03-04T11:00:00.000Z');

export function storeSuite(name: string, open: () => Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => store.close());

    it('migrate is idempotent', async () => {
      await store.migrate();
      await store.ping();
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

    it('records one row per run with counts and error', async () => {
      const id = await store.startRun('inbox', T0);
      assert.equal((await store.lastRun('inbox'))?.status, 'running');
      await store.finishRun(id, T1, { new: 2, updated: 1, failed: 1, error: null });
      assert.deepEqual(await store.lastRun('inbox'), {
        id,
        sourceId: 'inbox',
        startedAt: T0.toISOString(),
        finishedAt: T1.toISOString(),
        status: 'ok',
        new: 2,
        updated: 1,
        failed: 1,
        error: null,
      });
      const failed = await store.startRun('inbox', T1);
      await store.finishRun(failed, T1, { new: 0, updated: 0, failed: 0, error: 'folder missing' });
      assert.equal((await store.lastRun('inbox'))?.status, 'failed');
      assert.equal((await store.lastRun('inbox'))?.error, 'folder missing');
      assert.equal(await store.lastRun('nobody'), null);
      assert.equal(await store.lastSuccess('inbox'), T1.toISOString(), 'the last ok run, not the failed one');
      assert.equal(await store.lastSuccess('nobody'), null);
    });

    it('saves and replaces conditional-GET validators per source and URL', async () => {
      const url = 'https://news.example.com/world';
      assert.equal(await store.getValidators('web', url), null);
      await store.saveValidators('web', url, { etag: '"v1"', lastModified: null, checkedAt: T0.toISOString() });
      assert.equal((await store.getValidators('web', url))?.bodyHash, null, 'no body hash saved');
      await store.saveValidators('web', url, { etag: '"v2"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT', checkedAt: T1.toISOString(), bodyHash: 'h2' });
      assert.deepEqual(await store.getValidators('web', url), {
        etag: '"v2"',
        lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT',
        checkedAt: T1.toISOString(),
        bodyHash: 'h2',
      });
      assert.equal(await store.getValidators('other', url), null, 'validators are per source');
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

    it('keeps story file marks per source, tells whether their story is still current, and forgets them', async () => {
      const story = makeStory();
      await store.upsertStory(story, T0);
      const mark = { name: 'bridge.txt', stat: '120:1:2:3:4', statTrusted: false, parser: 'p1', fileHash: 'f1', storyId: story.id, storyHash: storyContentHash(story) };
      await store.saveStoryFileMark('inbox', mark);
      await store.saveStoryFileMark('other', { ...mark, storyId: 'missing' });
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, current: true }]);
      assert.deepEqual(await store.storyFileMarks('other'), [{ ...mark, storyId: 'missing', current: false }], 'no such story');
      await store.saveStoryFileMark('inbox', { ...mark, stat: '120:5:6:3:4', statTrusted: true });
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, stat: '120:5:6:3:4', statTrusted: true, current: true }], 'replaced');
      await store.upsertStory({ ...story, title: 'Changed elsewhere' }, T1);
      assert.equal((await store.storyFileMarks('inbox'))[0]?.current, false, 'the story changed since');
      await store.saveStoryFileMark('inbox', { ...mark, name: 'rail.txt' });
      await store.forgetStoryFiles('inbox', ['bridge.txt', 'never-there.txt']);
      await store.forgetStoryFiles('inbox', []);
      assert.deepEqual((await store.storyFileMarks('inbox')).map((m) => m.name), ['rail.txt']);
      assert.equal((await store.storyFileMarks('other')).length, 1, 'per source');
      assert.equal(await store.countStories('inbox'), 1, 'stories stay');
    });

    describe('run leases', () => {
      const claim = (owner: string, slot: string, ttlMs = 60_000) => ({ sourceId: 'inbox', owner, slot, ttlMs });
      const SLOT1 = '2026-03-04T10:00:00.000Z';
      const SLOT2 = '2026-03-04T10:00:03.000Z';

      const expire = () => new Promise((r) => setTimeout(r, 30)); // after a renewal with a 1 ms ttl

      it('gives one tick of a source to exactly one owner', async () => {
        assert.equal(await store.acquireLease(claim('a', SLOT1)), 'taken');
        assert.equal(await store.acquireLease(claim('b', SLOT1)), 'busy', 'held');
        await store.releaseLease('inbox', 'a');
        assert.equal(await store.acquireLease(claim('b', SLOT1)), 'spent', 'that tick already ran');
        assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken', 'the next tick is free');
        assert.equal(await store.acquireLease(claim('a', SLOT1)), 'spent', 'an earlier tick, even while held');
        assert.equal(await store.acquireLease({ ...claim('c', SLOT2), sourceId: 'other' }), 'taken', 'per source');
      });

      it('lets concurrent claimers of one tick win exactly once', async () => {
        const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((o) => store.acquireLease(claim(o, SLOT1))));
        assert.deepEqual(outcomes.sort(), ['busy', 'busy', 'busy', 'busy', 'taken']);
      });

      it('renews only while held, and an expired lease goes to the next tick elsewhere', async () => {
        assert.equal(await store.acquireLease(claim('a', SLOT1, 40)), 'taken');
        assert.equal(await store.renewLease('inbox', 'a', 60_000), true);
        assert.equal(await store.acquireLease(claim('b', SLOT2)), 'busy', 'renewed lease still held');
        assert.equal(await store.renewLease('inbox', 'a', 1), true);
        await expire();
        assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken', 'expired: taken over');
        assert.equal(await store.renewLease('inbox', 'a', 40), false, 'the old owner lost it');
      });

      it("marks a dead holder's run as abandoned when its lease is taken over", async () => {
        assert.equal(await store.acquireLease(claim('a', SLOT1, 1)), 'taken');
        await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
        const manual = await store.startRun('other', T0);
        await expire();
        assert.equal((await store.lastRun('inbox'))?.status, 'running');
        assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken');
        const abandoned = await store.lastRun('inbox');
        assert.equal(abandoned?.status, 'failed');
        assert.match(abandoned?.error ?? '', /abandoned/);
        assert.equal((await store.lastRun('other'))?.id, manual);
        assert.equal((await store.lastRun('other'))?.status, 'running', "another source's run is not touched");
      });

      it('gives a tick whose holder died running it to the next claimer of that tick, once', async () => {
        assert.equal(await store.acquireLease(claim('a', SLOT1, 1)), 'taken');
        const dead = await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
        await expire();
        assert.equal(await store.acquireLease(claim('b', SLOT1)), 'retaken');
        assert.equal((await store.lastRun('inbox'))?.id, dead);
        assert.equal((await store.lastRun('inbox'))?.status, 'failed', 'the dead run is abandoned');
        assert.equal(await store.acquireLease(claim('c', SLOT1)), 'busy', 'b runs it now');
        await store.releaseLease('inbox', 'b');
        assert.equal(await store.acquireLease(claim('c', SLOT1)), 'spent', 'and then it is done');
      });

      it('lets a run outside the schedule take a free lease without using up a tick', async () => {
        const extra = (owner: string) => ({ ...claim(owner, SLOT1), slot: null });
        assert.equal(await store.acquireLease(extra('w')), 'taken', 'never claimed before');
        assert.equal(await store.acquireLease(claim('a', SLOT1)), 'busy', 'a tick waits for it');
        assert.equal(await store.acquireLease(extra('x')), 'busy', 'so does another unscheduled run');
        await store.releaseLease('inbox', 'w');
        assert.equal(await store.acquireLease(claim('a', SLOT1)), 'taken', 'the tick is still free');
        assert.equal(await store.acquireLease(extra('x')), 'busy');
        await store.releaseLease('inbox', 'a');
        assert.equal(await store.acquireLease(extra('x')), 'taken');
        await store.releaseLease('inbox', 'x');
        assert.equal(await store.acquireLease(claim('b', SLOT1)), 'spent', 'the tick stayed used');
        assert.equal(await store.acquireLease(claim('b', SLOT2)), 'taken');
      });

      it('records runs outside the schedule with their owner and without a slot', async () => {
        await store.startRun('inbox', T0, { slot: null, owner: 'a' });
        await store.startRun('inbox', T0, { slot: null, owner: 'b' });
        assert.equal((await store.runStats('inbox')).runs, 2);
      });

      it('refuses a second run row for the same source and tick', async () => {
        await store.startRun('inbox', T0, { slot: SLOT1, owner: 'a' });
        await assert.rejects(store.startRun('inbox', T0, { slot: SLOT1, owner: 'b' }));
        await store.startRun('inbox', T1, { slot: SLOT2, owner: 'b' });
        await store.startRun('inbox', T1);
        await store.startRun('inbox', T1);
      });
    });

    it('counts runs and failures since the last success', async () => {
      assert.deepEqual(await store.runStats('inbox'), { runs: 0, consecutiveFailures: 0 });
      const finish = async (error: string | null) =>
        store.finishRun(await store.startRun('inbox', T0), T1, { new: 0, updated: 0, failed: 0, error });
      await finish('boom');
      await finish(null);
      await finish('boom');
      await finish('boom again');
      await store.startRun('inbox', T1);
      assert.deepEqual(await store.runStats('inbox'), { runs: 5, consecutiveFailures: 2 }, 'the running run counts, not as a failure');
      await finish(null);
      assert.deepEqual(await store.runStats('inbox'), { runs: 6, consecutiveFailures: 0 }, 'reset by a success');
      assert.deepEqual(await store.runStats('other'), { runs: 0, consecutiveFailures: 0 });
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
