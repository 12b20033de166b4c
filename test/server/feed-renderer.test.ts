// The thread renderer is what every feed request of the app uses: it must give the bytes
// the calling thread gives, keep error codes across the thread boundary, and leave the
// event loop turning while a large full-text feed is parsed and rendered.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { DocumentTask, FilterSpec } from '../../src/publish/feed-document.js';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { inlineRenderer, threadRenderer, type FeedRenderer } from '../../src/server/feed-renderer.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { StoryRow } from '../../src/store/store.js';
import { makeStory } from '../support/make-story.js';

const DEF: FeedDefinition = { id: 'inbox', kind: 'source', title: 'Wire inbox', description: 'Stories', sourceIds: ['inbox'], limit: 50, language: 'en', ttlMinutes: 15 };
const OPTIONS = { baseUrl: 'https://feeds.example.org', lastChanged: '2026-03-04T10:00:00.000Z' };
const NO_FILTER: FilterSpec = { config: {}, query: { include: [], exclude: [], caseSensitive: true } };

async function storedRows(count: number, paragraphs: number): Promise<StoryRow[]> {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const para = 'The harbour authority said works on the northern pier went on through the week, with two new cranes & a <barge>.';
  for (let i = 0; i < count; i++) {
    const text = Array.from({ length: paragraphs }, () => para).join('\n\n');
    const story = makeStory({
      key: `s${i}`,
      title: i % 3 === 0 ? `Storm ${i} nears the coast` : `Harbour report ${i}`,
      categories: i % 2 ? ['Weather'] : ['Transport'],
      published: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
      body: { text, html: text.split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('') },
    });
    await store.upsertStory(story, new Date('2026-03-04T10:00:00.000Z'));
  }
  const rows = await store.listStoryRows({ sourceIds: ['inbox'], limit: count });
  await store.close();
  return rows;
}

describe('feed renderer (filters and renders feed documents off the event loop)', function () {
  this.timeout(60_000);
  const inline = inlineRenderer();
  let threads: FeedRenderer;
  before(() => {
    threads = threadRenderer(1, silentLogger());
  });
  after(async () => threads?.close());

  it('gives on a worker thread the bytes, hash and date the calling thread gives', async () => {
    const rows = await storedRows(30, 3);
    const tasks: DocumentTask[] = [
      ...(['rss', 'atom', 'json'] as const).map((format) => ({ def: DEF, rows, options: { ...OPTIONS, format } })),
      { def: DEF, rows: rows.slice(0, 5), options: { ...OPTIONS, format: 'json', summaryLength: 40, query: '?summary=40', nextQuery: '?before=x' } },
      { def: DEF, rows: [], options: { ...OPTIONS, format: 'atom', lastChanged: null } },
    ];
    for (const task of tasks) {
      const [a, b] = await Promise.all([threads.render(task), inline.render(task)]);
      assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes), task.options.format);
      assert.equal(a.hash, b.hash);
      assert.equal(a.updatedMs, b.updatedMs);
      assert.match(a.hash, /^[A-Za-z0-9_-]{27}$/);
    }
    const filter: FilterSpec = { config: { exclude: { categories: ['transport'] } }, query: { include: [{ fields: ['title'], pattern: 'storm' }], exclude: [], caseSensitive: false } };
    const [{ keep: keepT, spentMs }, { keep: keepI }] = await Promise.all([threads.match({ rows, filter, want: 100, budgetMs: 1000 }), inline.match({ rows, filter, want: 100, budgetMs: 1000 })]);
    assert.deepEqual(keepT, keepI);
    assert.ok(spentMs > 0, `spent ${spentMs} ms: the time is measured (how fast is the benchmarks' business)`);
    const kept = rows.filter((_, i) => keepT[i]).map((r) => JSON.parse(r.json) as { title: string; categories: string[] });
    assert.ok(kept.length > 0 && kept.every((s) => /storm/i.test(s.title) && s.categories[0] === 'Weather'), 'storms, no transport');
    const { keep: firstTwo } = await threads.match({ rows, filter: NO_FILTER, want: 2, budgetMs: 1000 });
    assert.deepEqual(firstTwo.slice(0, 3), [true, true, false], 'stops looking after `want` matches');
  });

  it('keeps a filter error its code across the thread boundary; a broken row is a plain error (a 500)', async () => {
    const rows = await storedRows(2, 1);
    const filter: FilterSpec = { ...NO_FILTER, query: { ...NO_FILTER.query, include: [{ fields: ['title'], pattern: 'x' }] } };
    await assert.rejects(threads.match({ rows, filter, want: 5, budgetMs: -1 }), (err: unknown) => err instanceof AppError && err.code === 'FILTER_TOO_SLOW');
    const broken = [{ ...rows[0]!, json: '{"title": ' }];
    await assert.rejects(threads.render({ def: DEF, rows: broken, options: { ...OPTIONS, format: 'rss' } }), (err: unknown) => err instanceof Error && !(err instanceof AppError));
  });

  it('stops a render past its time limit with 503 RENDER_TIMEOUT, replaces the thread and renders the next', async () => {
    const rows = await storedRows(500, 40);
    const short = threadRenderer(1, silentLogger(), { limits: { matchMarginMs: 500, renderMs: 5 } });
    try {
      const task: DocumentTask = { def: DEF, rows, options: { ...OPTIONS, format: 'atom' } };
      await assert.rejects(short.render(task), (err: unknown) => err instanceof AppError && err.code === 'RENDER_TIMEOUT' && err.status === 503);
      const { keep } = await short.match({ rows: rows.slice(0, 3), filter: NO_FILTER, want: 5, budgetMs: 60_000 });
      assert.deepEqual(keep, [true, true, true], 'the replaced thread takes the next task');
    } finally {
      await short.close();
    }
  });

  it('leaves the event loop turning while 500 full-text stories are parsed and rendered', async () => {
    const rows = await storedRows(500, 40);
    const task: DocumentTask = { def: DEF, rows, options: { ...OPTIONS, format: 'atom' } };
    await threads.render({ ...task, rows: rows.slice(0, 1) }); // thread started
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const doc = await threads.render(task);
      assert.ok(doc.bytes.length > 2_000_000, `${doc.bytes.length} bytes`);
    } finally {
      clearInterval(timer);
    }
    // On the calling thread the interval could not fire once until the render returned.
    assert.ok(ticks >= 3, `timer fired ${ticks} times during the render`);
  });
});
