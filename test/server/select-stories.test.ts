// Row selection for a feed page: paging cursor, filter_time and filters, and the filter
// budget, which counts filter work only: a request queued behind other renders for a
// render thread must not fail as "too slow".
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../src/errors.js';
import type { FilterSpec } from '../../src/publish/feed-document.js';
import { inlineRenderer } from '../../src/server/feed-renderer.js';
import { selectStories, type RowMatcher } from '../../src/server/select-stories.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { makeStory } from '../support/make-story.js';

const storms: FilterSpec = { config: {}, query: { include: [{ fields: ['title'], pattern: 'Storm' }], exclude: [], caseSensitive: true } };

describe('selectStories (the rows of one feed page)', () => {
  let store: SqliteStore;
  const renderer = inlineRenderer();
  const match: RowMatcher = (rows, want, budgetMs) => renderer.match({ rows, filter: storms, want, budgetMs });
  before(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    // 250 stories, one a minute; every tenth is a storm.
    for (let i = 0; i < 250; i++) {
      const published = new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString();
      await store.upsertStory(makeStory({ key: `s${i}`, title: i % 10 === 0 ? `Storm ${i}` : `Report ${i}`, published }), new Date('2026-03-02T00:00:00Z'));
    }
  });
  after(async () => store.close());
  const titles = (rows: { json: string }[]) => rows.map((r) => (JSON.parse(r.json) as { title: string }).title);

  it('pages newest first with a cursor, and stops at filter_time', async () => {
    const first = await selectStories(store, { sourceIds: ['inbox'], limit: 3, match: null });
    assert.deepEqual(titles(first.rows), ['Report 249', 'Report 248', 'Report 247']);
    const second = await selectStories(store, { sourceIds: ['inbox'], limit: 3, match: null, before: first.next! });
    assert.deepEqual(titles(second.rows), ['Report 246', 'Report 245', 'Report 244']);
    const recent = await selectStories(store, { sourceIds: ['inbox'], limit: 50, match: null, notBefore: new Date(Date.UTC(2026, 2, 1) + 245 * 60_000).toISOString() });
    assert.equal(recent.rows.length, 5);
    assert.equal(recent.next, null);
  });

  it('filters across batches until the page is full, with a cursor to the rest', async () => {
    const page = await selectStories(store, { sourceIds: ['inbox'], limit: 12, match });
    assert.deepEqual(titles(page.rows), Array.from({ length: 12 }, (_, i) => `Storm ${240 - i * 10}`), 'read in chunks, 12 storms over 121 rows');
    const rest = await selectStories(store, { sourceIds: ['inbox'], limit: 50, match, before: page.next! });
    assert.deepEqual(titles(rest.rows), ['Storm 120', 'Storm 110', 'Storm 100', ...Array.from({ length: 10 }, (_, i) => `Storm ${90 - i * 10}`)]);
    assert.equal(rest.next, null);
  });

  it('reads at most maxScan stories: a short page whose next link goes on from there', async () => {
    const page = await selectStories(store, { sourceIds: ['inbox'], limit: 12, match, maxScan: 50 });
    assert.deepEqual(titles(page.rows), ['Storm 240', 'Storm 230', 'Storm 220', 'Storm 210', 'Storm 200'], 'the storms among the newest 50');
    assert.equal(page.next?.sortDate, new Date(Date.UTC(2026, 2, 1) + 200 * 60_000).toISOString(), 'the 50th story read');
    const rest = await selectStories(store, { sourceIds: ['inbox'], limit: 12, match, maxScan: 50, before: page.next! });
    assert.deepEqual(titles(rest.rows), ['Storm 190', 'Storm 180', 'Storm 170', 'Storm 160', 'Storm 150']);
  });

  it('ends a page short of its limit when its stories pass maxPageChars, with a next link; one story always fits', async () => {
    const [one] = await store.listStoryRows({ sourceIds: ['inbox'], limit: 1 });
    const size = one!.json.length;
    const page = await selectStories(store, { sourceIds: ['inbox'], limit: 50, match: null, maxPageChars: size * 3.5 });
    assert.deepEqual(titles(page.rows), ['Report 249', 'Report 248', 'Report 247']);
    const rest = await selectStories(store, { sourceIds: ['inbox'], limit: 2, match: null, before: page.next! });
    assert.deepEqual(titles(rest.rows), ['Report 246', 'Report 245'], 'the next page goes on where it ended');
    const tiny = await selectStories(store, { sourceIds: ['inbox'], limit: 50, match: null, maxPageChars: 10 });
    assert.equal(tiny.rows.length, 1);
    assert.ok(tiny.next);
  });

  it('counts filter work against the budget, not time spent waiting for a thread', async () => {
    const queued: RowMatcher = async (rows, want, budgetMs) => {
      await sleep(150); // behind other renders
      return match(rows, want, budgetMs);
    };
    const page = await selectStories(store, { sourceIds: ['inbox'], limit: 20, match: queued, budgetMs: 100 });
    assert.equal(page.rows.length, 20, 'three batches, 450 ms queued, well under 100 ms of work');
    const slow: RowMatcher = async (rows, want, budgetMs) => ({ ...(await match(rows, want, budgetMs)), spentMs: 60 });
    await assert.rejects(
      selectStories(store, { sourceIds: ['inbox'], limit: 20, match: slow, budgetMs: 100 }),
      (err: unknown) => err instanceof AppError && err.code === 'FILTER_TOO_SLOW',
    );
  });
});
