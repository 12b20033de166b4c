import assert from 'node:assert/strict';
import { StoryListMemo } from '../../src/server/story-list-memo.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { StoryQuery } from '../../src/store/store.js';
import { makeStory } from '../support/make-story.js';

describe('StoryListMemo (one story read per feed version, shared by its variants)', () => {
  let store: SqliteStore;
  let reads: number;
  let failNext: boolean;
  const counted = {
    listStoryRows: (q: StoryQuery) => {
      reads += 1;
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('database is locked'));
      }
      return store.listStoryRows(q);
    },
  };
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    await store.upsertStory(makeStory({ key: 'a' }), new Date('2026-03-04T10:00:00Z'));
    reads = 0;
    failNext = false;
  });
  afterEach(async () => store.close());

  it('reads once per (query, version); a new version or another query reads again', async () => {
    const memo = new StoryListMemo();
    const q = { sourceIds: ['inbox'], limit: 51 };
    const [a, b] = await Promise.all([memo.listStoryRows(counted, q, '1'), memo.listStoryRows(counted, { ...q }, '1')]);
    assert.equal(reads, 1);
    assert.equal(a, b, 'the same list, not a copy');
    assert.equal(a.length, 1);
    await memo.listStoryRows(counted, { ...q, limit: 11 }, '1');
    await store.upsertStory(makeStory({ key: 'b' }), new Date('2026-03-04T11:00:00Z'));
    const fresh = await memo.listStoryRows(counted, q, '2');
    assert.equal(reads, 3);
    assert.equal(fresh.length, 2);
  });

  it('does not keep a failed read, keeps one version per query, and at most maxEntries queries', async () => {
    const memo = new StoryListMemo(2);
    const q = { sourceIds: ['inbox'], limit: 51 };
    failNext = true;
    await assert.rejects(memo.listStoryRows(counted, q, '1'), /locked/);
    assert.equal((await memo.listStoryRows(counted, q, '1')).length, 1);
    assert.equal(reads, 2);
    await memo.listStoryRows(counted, q, '2'); // version 1 of this query leaves
    await memo.listStoryRows(counted, q, '1');
    assert.equal(reads, 4);
    await memo.listStoryRows(counted, { ...q, limit: 5 }, '1');
    await memo.listStoryRows(counted, { ...q, limit: 6 }, '1'); // the oldest query leaves
    await memo.listStoryRows(counted, q, '1');
    assert.equal(reads, 7);
  });

  it('holds a list only for a few seconds: the burst of a new version, not the heap for good', async () => {
    const memo = new StoryListMemo(64, 50);
    const q = { sourceIds: ['inbox'], limit: 51 };
    await memo.listStoryRows(counted, q, '1');
    await memo.listStoryRows(counted, q, '1');
    assert.equal(reads, 1);
    await new Promise((r) => setTimeout(r, 80));
    await memo.listStoryRows(counted, q, '1');
    assert.equal(reads, 2, 'read again once the hold time passed');
  });
});
