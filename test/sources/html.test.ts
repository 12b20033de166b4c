import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../support/temp-dir.js';
import { reply, serveDir, startServer, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

const SITE_DIR = fileURLToPath(new URL('../fixtures/site', import.meta.url));
const ARTICLES = [
  '/2026/03/04/harbour-bridge-reopens-early.html',
  '/2026/03/04/council-delays-transit-vote.html',
  '/legacy/seoul-subway-line-extension.html',
  '/2026/03/05/storm-warning-for-coastal-towns.html',
  '/2026/03/06/ferry-timetable-changes-announced.html',
];
const FAST_FETCH = 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n  timeoutMs: 3000\n';

describe('html source', () => {
  let server: LocalServer;
  let app: TestApp;

  beforeEach(async () => {
    server = await startServer({ '*': serveDir(SITE_DIR) });
  });
  afterEach(async () => {
    await app?.dispose();
    await server.close();
  });

  async function gazette(extra = ''): Promise<TestApp> {
    const source = `id: gazette\ntype: html\nurl: ${server.origin}/index.html\nnext: a.next\nmaxPages: 2\n${extra}`;
    app = await testApp({ extraConfig: { 'wirefeed.yaml': FAST_FETCH, 'sources/gazette.yaml': source } });
    return app;
  }

  it('finds articles across listing pages and stores each; robots.txt, navigation and other sites are skipped', async () => {
    await gazette();
    const run = await app.scheduler.runNow('gazette');
    assert.deepEqual([run.new, run.failed, run.error], [5, 0, null]);
    for (const path of ARTICLES) assert.equal(server.hits(path).length, 1, path);
    assert.equal(server.hits('/private/2026/03/05/embargoed-budget-leak.html').length, 0, 'disallowed by robots.txt');
    const fetched = server.requests.map((r) => r.path);
    for (const skipped of ['/author/jane-smith/', '/tag/transport/', '/section/local/', '/about/', '/privacy-policy/', '/tag/ferries/']) {
      assert.ok(!fetched.includes(skipped), skipped);
    }
    assert.ok(!fetched.some((p) => p.includes('nav-featured')), 'links in <nav> are not articles');
    const titles = (await app.store.listStories({ sourceIds: ['gazette'], limit: 10 })).map((s) => s.story.title).sort();
    assert.deepEqual(titles, [
      'Council delays vote on transit plan',
      'Ferry timetable changes announced for spring',
      'Harbour bridge reopens two weeks early',
      'Storm warning issued for coastal towns',
      '서울 지하철 연장 구간 개통',
    ]);
  });

  it('does not refetch known articles; an unchanged listing costs a 304', async () => {
    await gazette();
    await app.scheduler.runNow('gazette');
    const again = await app.scheduler.runNow('gazette');
    assert.deepEqual([again.new, again.updated, again.failed], [0, 0, 0]);
    for (const path of ARTICLES) assert.equal(server.hits(path).length, 1, path);
    const listing = server.hits('/index.html');
    assert.equal(listing.length, 2);
    assert.ok(listing[1]?.headers['if-none-match'], 'conditional GET on the listing');
  });

  it('refetches known articles after refreshHours, conditionally', async () => {
    await gazette('refreshHours: 1\n');
    await app.scheduler.runNow('gazette');
    app.clock.advance(2 * 3_600_000);
    const later = await app.scheduler.runNow('gazette');
    assert.deepEqual([later.new, later.failed], [0, 0]);
    const bridge = server.hits(ARTICLES[0]!);
    assert.equal(bridge.length, 2);
    assert.ok(bridge[1]?.headers['if-none-match'], 'the refetch is a conditional GET');
  });

  it('keeps maxItems', async () => {
    await gazette('maxItems: 2\n');
    const run = await app.scheduler.runNow('gazette');
    assert.equal(run.new, 2);
  });

  it('one failing article does not stop the others', async () => {
    server.route(ARTICLES[1]!, reply('server error', {}, 500));
    server.route(ARTICLES[2]!, reply('<html><body><p>no title, no story</p></body></html>'));
    await gazette();
    const run = await app.scheduler.runNow('gazette');
    assert.deepEqual([run.new, run.failed, run.error], [3, 2, null]);
  });

  it('a listing that cannot be fetched fails the run with a clear error', async () => {
    server.route('/index.html', reply('gone', {}, 404));
    await gazette();
    const run = await app.scheduler.runNow('gazette');
    assert.match(run.error ?? '', /HTTP 404/);
    assert.equal((await app.store.lastRun('gazette'))?.status, 'failed');
  });

  it('refuses links to other private hosts (SSRF guard), even with a links selector', async () => {
    server.route('/listing.html', reply(`<main><a class="story" href="http://localhost:${server.port}/2026/03/06/ferry-timetable-changes-announced.html">Ferry</a>
      <a class="story" href="${ARTICLES[0]}">Bridge</a></main>`));
    const source = `id: gazette\ntype: html\nurl: ${server.origin}/listing.html\nlinks: a.story\n`;
    app = await testApp({ extraConfig: { 'wirefeed.yaml': FAST_FETCH, 'sources/gazette.yaml': source } });
    const run = await app.scheduler.runNow('gazette');
    assert.deepEqual([run.new, run.failed], [1, 1]);
    assert.equal(server.hits(ARTICLES[4]!).length, 0, 'never requested');
  });

  it('wirefeed run ID --dry-run prints the stories and stores nothing', async function () {
    this.timeout(90_000); // a real OS process under tsx
    const dir = tempDir();
    try {
      dir.write('config/wirefeed.yaml', FAST_FETCH);
      dir.write('config/sources/gazette.yaml', `id: gazette\ntype: html\nurl: ${server.origin}/index.html\n`);
      const db = dir.path('data/wirefeed.db');
      const env = { ...process.env, WIREFEED_CONFIG: dir.path('config'), DATABASE_URL: `file:${db}`, LOG_LEVEL: 'silent' };
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', 'gazette', '--dry-run'], { env });
      const titles = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { title: string }).title);
      assert.equal(titles.length, 4, stdout);
      assert.ok(titles.includes('Harbour bridge reopens two weeks early'));
      assert.match(stderr, /gazette: dry run; 4 stories, 0 failed; nothing stored/);
      const store = SqliteStore.fromUrl(`file:${db}`);
      await store.migrate();
      assert.equal(await store.countStories('gazette'), 0);
      assert.equal(await store.lastRun('gazette'), null);
      assert.equal(await store.getValidators('gazette', `${server.origin}/index.html`), null);
      await store.close();
    } finally {
      dir.remove();
    }
  });
});
