import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { articlePage, paragraphs } from '../support/article-page.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => readFileSync(`test/fixtures/feeds-in/${name}/feed.xml`, 'utf8');
const FAST_FETCH = 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n  timeoutMs: 5000\n';

function rss(items: { title: string; link?: string; guid?: string; body?: string }[], declaration = '<?xml version="1.0" encoding="utf-8"?>'): string {
  const xml = items
    .map(
      (i) =>
        `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}` +
        `<description>${i.body ?? `${i.title} body.`}</description></item>`,
    )
    .join('\n');
  return `${declaration}\n<rss version="2.0"><channel><title>Upstream</title><link>https://up.example.com/</link>${xml}</channel></rss>`;
}

describe('feed source', () => {
  let server: LocalServer;
  let app: TestApp;

  async function start(extra: string = FAST_FETCH, sourceExtra = ''): Promise<void> {
    app = await testApp({
      extraConfig: {
        'wirefeed.yaml': extra,
        'sources/world.yaml': `id: world\ntype: feed\nurl: ${server.origin}/world.xml\n${sourceExtra}`,
      },
    });
  }

  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await app?.dispose();
    await server.close();
  });

  it('stores every item, and the next poll finds the same stories', async () => {
    server.route('/world.xml', reply(fixture('rss-20-full'), { 'content-type': 'application/rss+xml' }));
    await start();
    const first = await app.scheduler.runNow('world');
    assert.deepEqual([first.new, first.failed, first.error], [2, 0, null]);
    const stories = await app.store.listStories({ sourceIds: ['world'], limit: 10 });
    const rice = stories.find((s) => s.story.title.startsWith('Rice'))!.story;
    assert.equal(rice.url, 'https://news.example.com/2026/03/04/rice-exports?page=2');
    assert.equal(rice.published, '2026-03-03T23:15:00.000Z');
    assert.deepEqual(rice.categories, ['Business', 'Asia']);
    // The upstream sends no validators, but the same bytes: not parsed again, like a 304.
    const second = await app.scheduler.runNow('world');
    assert.deepEqual([second.new, second.updated, second.unchanged, second.error], [0, 0, 0, null]);
    assert.equal(await app.store.countStories('world'), 2);
    // One byte more (a comment) is a new document: parsed, and its items found unchanged.
    server.route('/world.xml', reply(`${fixture('rss-20-full')}<!-- -->`, { 'content-type': 'application/rss+xml' }));
    const third = await app.scheduler.runNow('world');
    assert.deepEqual([third.new, third.updated, third.unchanged], [0, 0, 2]);
    assert.equal(await app.store.countStories('world'), 2);
  });

  it('keys on the link: a changed guid with the same link is the same story, a changed body updates it', async () => {
    const link = 'https://up.example.com/a';
    server.route('/world.xml', reply(rss([{ title: 'Dam inspected', link, guid: 'guid-1' }])));
    await start();
    await app.scheduler.runNow('world');
    server.route('/world.xml', reply(rss([{ title: 'Dam inspected', link: `${link}#comments`, guid: 'guid-2', body: 'New body.' }])));
    const r = await app.scheduler.runNow('world');
    assert.deepEqual([r.new, r.updated], [0, 1]);
    const [only] = await app.store.listStories({ sourceIds: ['world'], limit: 5 });
    assert.equal(await app.store.countStories('world'), 1);
    assert.equal(only?.story.body.text, 'New body.');
  });

  it('a broken feed still yields its good items', async () => {
    server.route('/world.xml', reply(fixture('broken-truncated'), { 'content-type': 'application/rss+xml' }));
    await start();
    const r = await app.scheduler.runNow('world');
    assert.deepEqual([r.new, r.failed, r.error], [2, 1, null], 'two good items stored, the cut-off one failed alone');
    const titles = (await app.store.listStories({ sourceIds: ['world'], limit: 5 })).map((s) => s.story.title).sort();
    assert.deepEqual(titles, ['First complete story', 'Second complete story']);
  });

  it('answers an upstream 304 with no work: validators are sent back and nothing is parsed', async () => {
    let body = rss([{ title: 'One', link: 'https://up.example.com/1' }]);
    server.route('/world.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Wed, 04 Mar 2026 10:00:00 GMT' }).end(body);
    });
    await start();
    assert.equal((await app.scheduler.runNow('world')).new, 1);
    body = '<<< would not parse >>>';
    const second = await app.scheduler.runNow('world');
    assert.deepEqual([second.new, second.unchanged, second.failed, second.error], [0, 0, 0, null]);
    const hits = server.hits('/world.xml');
    assert.equal(hits.length, 2);
    assert.equal(hits[1]?.headers['if-none-match'], '"v1"');
    assert.equal(hits[1]?.headers['if-modified-since'], 'Wed, 04 Mar 2026 10:00:00 GMT');
  });

  it('reads UTF-8 sent under a wrong legacy declaration, and resolves relative links against the feed URL', async () => {
    const xml = rss([{ title: 'Zürich café reopens', link: '/2026/zurich' }], '<?xml version="1.0" encoding="ISO-8859-1"?>');
    server.route('/world.xml', reply(Buffer.from(xml, 'utf8'), { 'content-type': 'text/xml; charset=iso-8859-1' }));
    await start();
    await app.scheduler.runNow('world');
    const [s] = await app.store.listStories({ sourceIds: ['world'], limit: 5 });
    assert.equal(s?.story.title, 'Zürich café reopens');
    assert.equal(s?.story.url, `${server.origin}/2026/zurich`);
  });

  it('still decodes a truly windows-1252 feed as declared', async () => {
    const xml = rss([{ title: 'Caf\u00e9 \u201cquotes\u201d', link: '/1' }], '<?xml version="1.0" encoding="windows-1252"?>');
    server.route('/world.xml', reply(iconv.encode(xml, 'windows-1252'), { 'content-type': 'application/rss+xml' }));
    await start();
    await app.scheduler.runNow('world');
    const [s] = await app.store.listStories({ sourceIds: ['world'], limit: 5 });
    assert.equal(s?.story.title, 'Café “quotes”');
  });

  it('fullText: extracts each new item page, keeps the feed metadata the page lacks, and falls back to the feed copy', async () => {
    const item = (path: string, title: string, date: string) =>
      `<item><title>${title}</title><link>${server.origin}${path}</link><pubDate>${date}</pubDate><category>Region</category><description>Short ${title}.</description></item>`;
    const feed = (items: string[]) => `<rss version="2.0"><channel><title>Up</title>${items.join('')}</channel></rss>`;
    const first = [item('/p/full', 'Feed title full', 'Wed, 04 Mar 2026 10:00:00 GMT'), item('/p/gone', 'Gone page', 'Wed, 04 Mar 2026 09:00:00 GMT')];
    server.route('/world.xml', reply(feed(first), { 'content-type': 'application/rss+xml' }));
    server.route('/p/full', reply(articlePage({ title: 'Page title full', paragraphs: paragraphs('Full') })));
    server.route('/p/gone', reply('gone', {}, 410));
    server.route('/p/new', reply(articlePage({ title: 'New page', paragraphs: paragraphs('New') })));
    await start(FAST_FETCH, 'fullText: true\n');
    const r = await app.scheduler.runNow('world');
    assert.deepEqual([r.new, r.failed, r.error], [2, 0, null]);
    const byUrl = new Map((await app.store.listStories({ sourceIds: ['world'], limit: 5 })).map((s) => [s.story.url, s.story]));
    const full = byUrl.get(`${server.origin}/p/full`)!;
    assert.equal(full.title, 'Page title full');
    assert.match(full.body.text, /^Full: paragraph 1/);
    assert.equal(full.published, '2026-03-04T10:00:00.000Z', "the feed's date where the page has none");
    assert.deepEqual(full.categories, ['Region']);
    assert.equal(byUrl.get(`${server.origin}/p/gone`)?.body.text, 'Short Gone page.', 'an unavailable page keeps the feed copy');
    server.route('/world.xml', reply(feed([...first, item('/p/new', 'New', 'Wed, 04 Mar 2026 11:00:00 GMT')]), { 'content-type': 'application/rss+xml' }));
    assert.equal((await app.scheduler.runNow('world')).new, 1);
    assert.equal(server.hits('/p/full').length, 1, 'a known page is not fetched again');
  });

  describe('a 50 MB response', () => {
    const TOTAL = 50 * 1024 * 1024;
    const CHUNK = Buffer.alloc(64 * 1024, 'x');

    /** Streams up to 50 MB without holding it, respecting backpressure; counts what left the server. */
    function stream50MB(res: ServerResponse, sent: { bytes: number }, withLength: boolean): void {
      res.writeHead(200, { 'content-type': 'application/rss+xml', ...(withLength ? { 'content-length': TOTAL } : {}) });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><description>');
      const pump = () => {
        while (sent.bytes < TOTAL && !res.destroyed) {
          sent.bytes += CHUNK.length;
          if (!res.write(CHUNK)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    }

    for (const withLength of [false, true]) {
      it(`is rejected by the size cap without buffering it (${withLength ? 'declared length' : 'chunked, no length'})`, async () => {
        const sent = { bytes: 0 };
        server.route('/world.xml', (_req, res) => stream50MB(res, sent, withLength));
        await start(`${FAST_FETCH}  maxBytes: 1048576\n`);
        global.gc?.();
        const before = process.memoryUsage();
        let peakRss = before.rss;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
        const r = await app.scheduler.runNow('world').finally(() => clearInterval(sampler));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        assert.match(r.error ?? '', /larger than 1048576 bytes|over the 1048576 byte cap/);
        assert.equal(r.new, 0);
        const growthMB = (peakRss - before.rss) / 1024 / 1024;
        const sentMB = sent.bytes / 1024 / 1024;
        console.log(`      50 MB upstream (${withLength ? 'content-length' : 'chunked'}): server wrote ${sentMB.toFixed(1)} MB before the cut, peak RSS growth ${growthMB.toFixed(1)} MB`);
        assert.ok(sentMB < 16, `the client stopped reading early (server wrote ${sentMB.toFixed(1)} MB)`);
        assert.ok(growthMB < 40, `memory stayed bounded (RSS grew ${growthMB.toFixed(1)} MB)`);
      });
    }
  });
});
