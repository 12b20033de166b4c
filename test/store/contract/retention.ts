// The retention role: batches that never touch a feed's window, runs backoff still needs,
// or validators of stored stories; the store's size; and export/import table access.
import assert from 'node:assert/strict';
import { NOT_EXPORTED, STORE_TABLES, storyContentHash, type Store, type TableRow } from '../../../src/store/store.js';
import { makeStory } from '../../support/make-story.js';
import { T0, type StoreUnderTest } from './store-under-test.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

export function retentionContract(s: StoreUnderTest): void {
  describe('retention', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('prunes old stories in batches, never the newest N of a source, and bumps the feed version', async () => {
      // Stories dated day 0..9, each first seen on its own day.
      for (let i = 0; i < 10; i++) await store.upsertStory(makeStory({ key: `k${i}`, published: day(i).toISOString(), title: `d${i}` }), day(i));
      await store.upsertStory(makeStory({ key: 'other', sourceId: 'other', published: day(0).toISOString() }), day(0));
      const version = (await store.feedState(['inbox'])).version;
      const prune = { sourceId: 'inbox', before: day(8).toISOString(), keepNewest: 3, limit: 2 };
      assert.equal(await store.pruneStories(prune), 2, 'at most one batch');
      assert.equal(await store.pruneStories(prune), 2);
      assert.equal(await store.pruneStories(prune), 2);
      assert.equal(await store.pruneStories(prune), 1, 'd6 is the last before the floor (d7, d8, d9 stay)');
      assert.equal(await store.pruneStories(prune), 0);
      const titles = (await store.listStories({ sourceIds: ['inbox'], limit: 20 })).map((r) => r.story.title);
      assert.deepEqual(titles, ['d9', 'd8', 'd7'], 'the newest three stay although d7 is older than the cutoff');
      assert.equal(await store.countStories('other'), 1, 'per source');
      assert.ok((await store.feedState(['inbox'])).version > version, 'cached pages further back go stale');
      assert.equal(await store.pruneStories({ ...prune, keepNewest: 0, limit: 100 }), 1, 'd7 once nothing is kept');
    });

    it('keeps a story whose date or last change is inside the retention, and one a story file still marks', async () => {
      const old = day(0).toISOString();
      await store.upsertStory(makeStory({ key: 'seen-late', published: old }), day(20));
      await store.upsertStory(makeStory({ key: 'updated', published: old, title: 'v1' }), day(0));
      await store.upsertStory(makeStory({ key: 'updated', published: old, title: 'v2' }), day(20));
      const filed = makeStory({ key: 'filed', published: old });
      await store.upsertStory(filed, day(0));
      await store.saveStoryFileMark('inbox', { name: 'a.txt', stat: 's', statTrusted: true, parser: 'p', fileHash: 'h', storyId: filed.id, storyHash: storyContentHash(filed) });
      await store.upsertStory(makeStory({ key: 'gone', published: old }), day(0));
      assert.equal(await store.pruneStories({ sourceId: 'inbox', before: day(10).toISOString(), keepNewest: 0, limit: 100 }), 1);
      assert.equal(await store.countStories('inbox'), 3);
      await store.forgetStoryFiles('inbox', ['a.txt']);
      assert.equal(await store.pruneStories({ sourceId: 'inbox', before: day(10).toISOString(), keepNewest: 0, limit: 100 }), 1, 'its file gone, it may go');
    });

    it('prunes a story with its replaced versions, and old versions of stories that stay', async () => {
      const old = day(0).toISOString();
      await store.upsertStory(makeStory({ key: 'gone', published: old, title: 'v1' }), day(0));
      await store.upsertStory(makeStory({ key: 'gone', published: old, title: 'v2' }), day(1));
      await store.upsertStory(makeStory({ key: 'kept', published: day(40).toISOString(), title: 'v1' }), day(0));
      await store.upsertStory(makeStory({ key: 'kept', published: day(40).toISOString(), title: 'v2' }), day(1));
      await store.upsertStory(makeStory({ key: 'kept', published: day(40).toISOString(), title: 'v3' }), day(40));
      assert.equal((await store.storeSize()).rows.story_versions, 3);
      assert.equal(await store.pruneStories({ sourceId: 'inbox', before: day(30).toISOString(), keepNewest: 0, limit: 10 }), 1);
      assert.equal((await store.storeSize()).rows.story_versions, 2, 'the versions of the story that went');
      assert.equal(await store.pruneStoryVersions({ sourceId: 'inbox', before: day(30).toISOString(), limit: 10 }), 1, 'replaced on day 1');
      assert.equal(await store.pruneStoryVersions({ sourceId: 'inbox', before: day(30).toISOString(), limit: 10 }), 0);
      assert.equal((await store.storeSize()).rows.story_versions, 1, 'replaced on day 40 stays');
    });

    it('prunes old runs but the last success and the failures after it', async () => {
      const run = async (at: Date, error: string | null) => store.finishRun(await store.startRun('inbox', at), at, { new: 0, updated: 0, failed: 0, error });
      for (let i = 0; i < 5; i++) await run(day(i), null);
      await run(day(5), 'boom');
      await run(day(6), null);
      await run(day(7), 'boom');
      await run(day(8), 'boom');
      await store.startRun('inbox', day(9));
      const before = await store.runStats('inbox');
      assert.equal(await store.pruneRuns({ sourceId: 'inbox', before: day(30).toISOString(), limit: 4 }), 4);
      assert.equal(await store.pruneRuns({ sourceId: 'inbox', before: day(30).toISOString(), limit: 4 }), 2);
      assert.equal(await store.pruneRuns({ sourceId: 'inbox', before: day(30).toISOString(), limit: 4 }), 0);
      assert.deepEqual(await store.runStats('inbox'), { runs: 4, consecutiveFailures: before.consecutiveFailures });
      assert.equal(await store.lastSuccess('inbox'), day(6).toISOString());
      assert.equal((await store.lastRun('inbox'))?.status, 'running');
      for (let i = 10; i < 13; i++) await run(day(i), null);
      assert.equal(await store.pruneRuns({ sourceId: 'inbox', before: day(11).toISOString(), limit: 100 }), 4, 'older than the cutoff only (the running one stays)');
    });

    it('prunes old validators of URLs no stored story has', async () => {
      await store.upsertStory(makeStory({ key: 'a', url: 'https://example.com/a' }), T0);
      const v = (checkedAt: Date) => ({ etag: '"x"', lastModified: null, checkedAt: checkedAt.toISOString(), bodyHash: null });
      await store.saveValidators('inbox', 'https://example.com/a', v(day(0)));
      await store.saveValidators('inbox', 'https://example.com/b', v(day(0)));
      await store.saveValidators('inbox', 'https://example.com/feed', v(day(40)));
      assert.equal(await store.pruneValidators({ sourceId: 'inbox', before: day(30).toISOString(), limit: 10 }), 1);
      assert.equal(await store.getValidators('inbox', 'https://example.com/b'), null);
      assert.ok(await store.getValidators('inbox', 'https://example.com/a'), 'its story is stored');
      assert.ok(await store.getValidators('inbox', 'https://example.com/feed'), 'checked lately');
    });

    it('prunes old changes of health but the newest of each source', async () => {
      const run: Parameters<Store['recordHealth']>[1] = { state: 'ok', reason: 'fine', example: null, stats: { stories: 1, withDate: 1, withByline: 1, withDateline: 0, withImage: 0, medianBody: 100 } };
      for (const [i, state] of (['ok', 'broken', 'ok'] as const).entries()) {
        const at = day(i).toISOString();
        const health = { sourceId: 'inbox', state, reason: state, example: null, since: at, checkedAt: at, failingRuns: 0, pausedUntil: null };
        await store.recordHealth(null, { ...run, state }, health, { sourceId: 'inbox', at, state, previous: null, reason: state, example: null });
      }
      assert.equal(await store.pruneHealthEvents({ sourceId: 'inbox', before: day(30).toISOString(), limit: 1 }), 1);
      assert.equal(await store.pruneHealthEvents({ sourceId: 'inbox', before: day(30).toISOString(), limit: 10 }), 1);
      assert.equal(await store.pruneHealthEvents({ sourceId: 'inbox', before: day(30).toISOString(), limit: 10 }), 0);
      assert.deepEqual((await store.healthEvents(10)).map((e) => e.at), [day(2).toISOString()], 'the newest stays');
    });

    it('names the sources it holds and reports its size and rows', async () => {
      await store.upsertStory(makeStory(), T0);
      await store.startRun('runs-only', T0);
      assert.deepEqual(await store.storedSourceIds(), ['inbox', 'runs-only']);
      const size = await store.storeSize();
      assert.ok(size.bytes > 0);
      assert.ok(size.freeBytes >= 0);
      assert.equal(size.rows.stories, 1);
      assert.equal(size.rows.runs, 1);
      assert.deepEqual(Object.keys(size.rows), STORE_TABLES.map((t) => t.name));
      assert.ok((await store.reclaimSpace(1 << 20)) >= 0);
    });
  });

  describe('tables (export and import)', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('lists every table either in the export or as left behind', async () => {
      const names = await store.tableNames();
      const known = new Set([...STORE_TABLES.map((t) => t.name), ...NOT_EXPORTED]);
      assert.deepEqual(names.filter((n) => !known.has(n)), [], 'a new table must be added to STORE_TABLES or NOT_EXPORTED');
      for (const t of STORE_TABLES) {
        const columns = await store.tableColumns(t.name);
        for (const k of t.key) assert.ok(columns.includes(k), `${t.name}.${k}`);
      }
    });

    it('reads tables in key order in batches, and writes rows back only where they differ', async () => {
      for (let i = 0; i < 5; i++) await store.upsertStory(makeStory({ key: `k${i}` }), T0);
      const stories = STORE_TABLES.find((t) => t.name === 'stories')!;
      const batches: TableRow[][] = [];
      await store.readTables([stories], 2, async (_t, rows) => {
        batches.push(rows);
      });
      assert.deepEqual(batches.map((b) => b.length), [2, 2, 1]);
      const rows = batches.flat();
      const ids = rows.map((r) => r.id as string);
      assert.deepEqual(ids, [...ids].sort(), 'key order');
      assert.equal(await store.writeRows(stories, rows), 0, 'every row already there, equal');
      const changed = { ...rows[0]!, data: JSON.stringify({ ...JSON.parse(rows[0]!.data as string), title: 'x' }) };
      assert.equal(await store.writeRows(stories, [changed, rows[1]!]), 1);
      assert.equal((await store.listStories({ sourceIds: ['inbox'], limit: 20 })).filter((r) => r.story.title === 'x').length, 1);
    });
  });
}
