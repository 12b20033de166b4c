// runSource shares its process with the web server: a long run must hand the event loop
// back between stories, or every feed request waits for the whole run.
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.js';
import { runSource } from '../../src/schedule/run-source.js';
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
