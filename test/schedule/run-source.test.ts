// runSource shares its process with the web server: a long run must hand the event loop
// back between stories, or every feed request waits for the whole run.
import assert from 'node:assert/strict';
import { ABANDONED, runSource } from '../../src/schedule/run-source.js';
import { inlineParser, type Parser } from '../../src/sources/parser.js';
import type { SourceDeps } from '../../src/sources/source-adapter.js';
import type { Store } from '../../src/store/store.js';
import { eventually } from '../support/eventually.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

const ITEMS = 40;
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link><description>d</description>${Array.from(
  { length: ITEMS },
  (_, i) => `<item><title>Wire story ${i}</title><link>https://wire.example.com/${i}</link><description>Body of wire story ${i}.</description></item>`,
).join('')}</channel></rss>`;

/** Holds the thread for `ms` of wall time: a slow store write, as under a loaded disk. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('runSource', () => {
  let upstream: LocalServer;
  let app: TestApp;

  before(async () => {
    upstream = await startServer({ '/robots.txt': reply('', {}, 404), '/wire.xml': reply(RSS, { 'content-type': 'application/rss+xml' }) });
    app = await testApp({ extraConfig: { 'sources/wire.yaml': `id: wire\ntype: feed\nurl: ${upstream.origin}/wire.xml\nmaxItems: ${ITEMS}\n` } });
  });
  after(async () => {
    await app?.dispose();
    await upstream?.close();
  });

  it('yields to the event loop between stories, so a callback queued at the first store write runs long before the last', async () => {
    // Every item of a parsed feed is ready at once and the SQLite store resolves at once:
    // without yielding, the whole run after the fetch is one task.
    let writes = 0;
    let queuedRanAt: number | null = null;
    const store: Store = Object.create(app.store, {
      upsertStory: {
        value: (...args: Parameters<Store['upsertStory']>) => {
          writes += 1;
          if (writes === 1) setImmediate(() => (queuedRanAt = writes));
          busy(3);
          return app.store.upsertStory(...args);
        },
      },
    });
    const source = app.config.sources.find((s) => s.id === 'wire')!;
    const outcome = await runSource(source, { global: app.config.global, log: app.log, clock: app.clock, store, http: app.http });
    assert.equal(outcome.error, null);
    assert.equal(outcome.new, ITEMS);
    assert.ok(queuedRanAt !== null && queuedRanAt < ITEMS / 2, `the queued callback ran after write ${queuedRanAt} of ${ITEMS}`);
  });
});

describe('runSource: failure and abort', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());
  const depsOf = (over: Partial<SourceDeps> = {}): SourceDeps => ({ global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http, ...over });
  const inbox = () => app.config.sources.find((s) => s.id === 'inbox')!;

  it('a source whose collect throws records a failed run with the error, and throws nothing', async () => {
    app = await testApp();
    app.dir.remove(); // the folder the files source lists is gone
    const outcome = await runSource(inbox(), depsOf());
    assert.match(outcome.error ?? '', /cannot read folder/);
    assert.deepEqual([outcome.new, outcome.updated, outcome.failed], [0, 0, 0]);
    const run = await app.store.lastRun('inbox');
    assert.equal(run?.status, 'failed');
    assert.equal(run?.error, outcome.error);
    assert.ok(run?.finishedAt, 'the run is finished, not left running');
  });

  it('a store write that fails mid-run fails the run with its error; the stories stored before it stay', async () => {
    app = await testApp({ files: { 'a.txt': 'Alpha\n\nFirst.\n', 'b.txt': 'Beta\n\nSecond.\n', 'c.txt': 'Gamma\n\nThird.\n' } });
    let writes = 0;
    const store: Store = Object.create(app.store, {
      upsertStory: {
        value: (...args: Parameters<Store['upsertStory']>) => {
          writes += 1;
          if (writes === 2) return Promise.reject(new Error('disk I/O error'));
          return app.store.upsertStory(...args);
        },
      },
    });
    const outcome = await runSource(inbox(), depsOf({ store }));
    assert.equal(outcome.error, 'disk I/O error');
    assert.equal(outcome.new, 1);
    assert.deepEqual((await app.store.listStories({ sourceIds: ['inbox'], limit: 10 })).map((s) => s.story.title), ['Alpha']);
    assert.deepEqual([(await app.store.lastRun('inbox'))?.status, (await app.store.lastRun('inbox'))?.error], ['failed', 'disk I/O error']);
  });

  it('an abort mid-run records "abandoned at shutdown" and stores only whole stories', async () => {
    app = await testApp({ files: { 'a.txt': 'Alpha\n\nFirst.\n', 'b.txt': 'Beta\n\nSecond.\n', 'c.txt': 'Gamma\n\nThird.\n' } });
    // b.txt's parse is held at a gate this test opens: the run is in flight by construction.
    const inner = inlineParser();
    let entered!: () => void;
    let release!: () => void;
    const bEntered = new Promise<void>((r) => (entered = r));
    const bReleased = new Promise<void>((r) => (release = r));
    const parser: Parser = {
      ...inner,
      async story(task) {
        if (task.input.kind === 'file' && task.input.filename === 'b.txt') {
          entered();
          await bReleased;
        }
        return inner.story(task);
      },
    };
    const shutdown = new AbortController();
    const running = runSource(inbox(), depsOf({ parser, signal: shutdown.signal }));
    await bEntered;
    await eventually('a.txt stored', async () => (await app.store.countStories('inbox')) === 1);
    shutdown.abort();
    release();
    const outcome = await running;
    assert.equal(outcome.error, ABANDONED);
    assert.equal(outcome.new, 1);
    const run = await app.store.lastRun('inbox');
    assert.deepEqual([run?.status, run?.error, run?.new], ['failed', ABANDONED, 1]);
    const stored = await app.store.listStories({ sourceIds: ['inbox'], limit: 10 });
    assert.deepEqual(stored.map((s) => [s.story.title, s.story.body.text]), [['Alpha', 'First.']], 'a.txt whole; nothing of b.txt or c.txt');
    assert.deepEqual((await app.store.storyFileMarks('inbox')).map((m) => m.name), ['a.txt'], 'only the stored file is marked: the others are read again next run');
    assert.equal((await runSource(inbox(), depsOf())).new, 2, 'the next run stores the rest');
  });
});
