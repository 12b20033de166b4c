// An empty feed is dated when it was first served, not 1970: the date is stored, so its
// bytes and ETag stay the same across requests, clock changes and restarts (issue 15, 7).
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testThreads } from '../support/test-app.js';

const FIRST = '2026-03-05T08:00:00.000Z';
const FEEDS = ['inbox', 'both'];
const FORMATS = ['rss', 'atom', 'json'];

describe('hardening: an empty feed is dated when first served', () => {
  let dir: TempDir;
  const clock = fixedClock(FIRST);
  const open = (): Promise<App> =>
    createApp({
      env: { DATABASE_URL: `file:${dir.path('wirefeed.db')}`, WIREFEED_BASE_URL: 'https://feeds.example.org' },
      configDir: dir.path('config'),
      clock,
      log: silentLogger(),
      processMetrics: false,
      ...testThreads(),
    });
  const fetchAll = async (app: App) => {
    const out = new Map<string, { text: string; etag: string; lastModified: string }>();
    for (const id of FEEDS)
      for (const format of FORMATS) {
        const res = await request(app.web).get(`/feeds/${id}.${format}`).expect(200);
        out.set(`${id}.${format}`, { text: res.text, etag: String(res.headers.etag), lastModified: String(res.headers['last-modified']) });
      }
    return out;
  };

  before(() => {
    dir = tempDir();
    dir.write('config/sources/inbox.yaml', `id: inbox\ntitle: Wire inbox\ntype: files\npath: ${dir.path('stories')}\n`);
    dir.write('config/sources/desk.yaml', 'id: desk\ntype: push\ntoken: push-token-0123456789abcdef\n');
    dir.write('config/feeds/both.yaml', 'id: both\ntitle: Both\nsources: [inbox, desk]\n');
    dir.write('stories/.keep', '');
  });
  after(() => dir.remove());

  it('RSS lastBuildDate, Atom updated and Last-Modified are the first-served time, in single and combined feeds', async () => {
    const app = await open();
    try {
      for (const [name, got] of await fetchAll(app)) {
        assert.doesNotMatch(got.text, /1970/, name);
        assert.equal(got.lastModified, new Date(FIRST).toUTCString(), name);
        if (name.endsWith('.rss')) assert.match(got.text, /<lastBuildDate>Thu, 05 Mar 2026 08:00:00 GMT<\/lastBuildDate>/, name);
        if (name.endsWith('.atom')) assert.match(got.text, /<updated>2026-03-05T08:00:00(?:\.000)?Z<\/updated>/, name);
      }
    } finally {
      await app.close();
    }
  });

  it('keeps the same bytes and ETag on later requests and after a restart', async () => {
    let app = await open();
    const before = await fetchAll(app);
    clock.advance(3 * 3600_000);
    assert.deepEqual(await fetchAll(app), before);
    await app.close();
    clock.advance(24 * 3600_000);
    app = await open();
    try {
      assert.deepEqual(await fetchAll(app), before);
    } finally {
      await app.close();
    }
  });
});
