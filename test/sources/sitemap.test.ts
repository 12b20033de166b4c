import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { articlePage, paragraphs } from '../support/article-page.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

// The test clock stands at 2026-03-05T08:00Z.
function newsSitemap(origin: string, entries: { path: string; title: string; date: string; keywords?: string }[]): string {
  const urls = entries
    .map(
      (e) => `<url><loc>${origin}${e.path}</loc><news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
<news:publication_date>${e.date}</news:publication_date><news:title>${e.title}</news:title>${e.keywords ? `<news:keywords>${e.keywords}</news:keywords>` : ''}</news:news></url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${urls}</urlset>`;
}

describe('sitemap source', () => {
  let server: LocalServer;
  let app: TestApp;
  const XML = { 'content-type': 'application/xml' };

  async function start(extra = ''): Promise<void> {
    app = await testApp({
      extraConfig: {
        'wirefeed.yaml': 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n',
        'sources/news.yaml': `id: news\ntype: sitemap\nurl: ${server.origin}/sitemap.xml\n${extra}`,
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

  it('extracts each new URL, with the sitemap title, date and keywords where the page has none', async () => {
    server.route('/sitemap.xml', reply(newsSitemap(server.origin, [
      { path: '/a/dam', title: 'Sitemap title for the dam', date: '2026-03-05T06:00:00Z', keywords: 'Dams, Water' },
      { path: '/a/bare', title: 'Bare page story', date: '2026-03-04T21:30:00+01:00', keywords: 'Ferries' },
    ]), XML));
    server.route('/a/dam', reply(articlePage({ title: 'Dam inspection finds cracks', published: '2026-03-05T05:45:00Z', paragraphs: paragraphs('Dam') })));
    server.route('/a/bare', reply(articlePage({ paragraphs: paragraphs('Ferry') })));
    await start();
    const r = await app.scheduler.runNow('news');
    assert.deepEqual([r.new, r.failed, r.error], [2, 0, null]);
    const stories = new Map((await app.store.listStories({ sourceIds: ['news'], limit: 5 })).map((s) => [s.story.url, s.story]));
    const dam = stories.get(`${server.origin}/a/dam`)!;
    assert.equal(dam.title, 'Dam inspection finds cracks', 'the page wins where it has a value');
    assert.equal(dam.published, '2026-03-05T05:45:00.000Z');
    assert.match(dam.body.text, /^Dam: paragraph 1/);
    const bare = stories.get(`${server.origin}/a/bare`)!;
    assert.equal(bare.title, 'Bare page story', 'the sitemap title fills in');
    assert.equal(bare.published, '2026-03-04T20:30:00.000Z', 'the sitemap date fills in');
    assert.deepEqual(bare.categories, ['Ferries']);
  });

  it('fetches only URLs it has not seen, and a 304 sitemap costs one request', async () => {
    const entries = [{ path: '/a/one', title: 'One', date: '2026-03-05T01:00:00Z' }];
    let body = newsSitemap(server.origin, entries);
    server.route('/sitemap.xml', (req, res) => {
      const etag = `"${body.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { ...XML, etag }).end(body);
    });
    server.route('/a/one', reply(articlePage({ title: 'One', paragraphs: paragraphs('One') })));
    server.route('/a/two', reply(articlePage({ title: 'Two', paragraphs: paragraphs('Two') })));
    await start();
    assert.equal((await app.scheduler.runNow('news')).new, 1);
    assert.equal((await app.scheduler.runNow('news')).new, 0);
    assert.equal(server.hits('/sitemap.xml').length, 2);
    assert.equal(server.hits('/a/one').length, 1, 'a 304 sitemap: no page refetched');
    body = newsSitemap(server.origin, [...entries, { path: '/a/two', title: 'Two', date: '2026-03-05T02:00:00Z' }]);
    assert.equal((await app.scheduler.runNow('news')).new, 1);
    assert.deepEqual([server.hits('/a/one').length, server.hits('/a/two').length], [1, 1], 'only the new URL fetched');
  });

  it('reads a sitemap index with a .xml.gz child and skips what is older than maxAgeHours', async () => {
    server.route('/sitemap.xml', reply(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemaps/today.xml.gz</loc><lastmod>2026-03-05T07:00:00Z</lastmod></sitemap>
<sitemap><loc>/sitemaps/2019.xml</loc><lastmod>2019-12-31T00:00:00Z</lastmod></sitemap></sitemapindex>`, XML));
    const today = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${server.origin}/a/fresh</loc><lastmod>2026-03-05T06:00:00Z</lastmod></url>
<url><loc>${server.origin}/a/stale</loc><lastmod>2026-02-01T06:00:00Z</lastmod></url></urlset>`;
    server.route('/sitemaps/today.xml.gz', reply(gzipSync(today), { 'content-type': 'application/gzip' }));
    server.route('/a/fresh', reply(articlePage({ title: 'Fresh story', paragraphs: paragraphs('Fresh') })));
    server.route('/a/stale', reply(articlePage({ title: 'Stale story', paragraphs: paragraphs('Stale') })));
    await start('maxAgeHours: 48\n');
    const r = await app.scheduler.runNow('news');
    assert.deepEqual([r.new, r.failed, r.error], [1, 0, null]);
    assert.equal(server.hits('/sitemaps/2019.xml').length, 0, 'an old child sitemap is not fetched');
    assert.equal(server.hits('/a/stale').length, 0, 'an old URL is not fetched');
    const [s] = await app.store.listStories({ sourceIds: ['news'], limit: 5 });
    assert.equal(s?.story.title, 'Fresh story');
    assert.equal(s?.story.published, '2026-03-05T06:00:00.000Z', 'lastmod stands in for the date the page lacks');
  });

  it('fails the run clearly when the URL is no sitemap', async () => {
    server.route('/sitemap.xml', reply('<html><body>Moved</body></html>'));
    await start();
    assert.match((await app.scheduler.runNow('news')).error ?? '', /not a sitemap/);
  });
});
