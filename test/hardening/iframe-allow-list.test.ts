// "No iframe (unless allow-listed per source)": a scraped page and a feed item carrying a
// listed embed and hostile iframes on the same page, through the whole app to the served
// RSS, Atom and JSON Feed. With `extract.allowIframes` only the listed embed arrives,
// sandboxed; without it, no iframe does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { servedFeeds } from './served-feeds.js';
import { isSafeLink, unsafeParts } from './unsafe-html.js';

const PAGE = readFileSync('test/fixtures/hostile-html/iframes-objects/page.html', 'utf8');
const ARTICLE = '/2026/03/07/museum-opens-new-wing.html';
const EMBED = /<iframe src="https:\/\/www\.youtube\.com\/embed\/abc123" width="560" height="315" sandbox="[^"]+" referrerpolicy="strict-origin-when-cross-origin" loading="lazy"><\/iframe>/;
const FAST_FETCH = 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n  timeoutMs: 3000\n';
const ALLOW = 'extract:\n  allowIframes: [www.youtube.com]\n';

function rss(origin: string): string {
  const body = /<article>([\s\S]*)<\/article>/.exec(PAGE)![1]!;
  const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Museum news</title>
<link>${origin}/</link><description>x</description><item><title>Museum opens new wing</title><link>${origin}${ARTICLE}</link>
<pubDate>Sat, 07 Mar 2026 10:00:00 GMT</pubDate><content:encoded>${escaped}</content:encoded></item></channel></rss>`;
}

describe('hardening: iframes only from a source\'s allow-list, all the way to the served feeds', () => {
  let server: LocalServer;
  let app: TestApp;

  before(async () => {
    server = await startServer({
      '/list.html': reply(`<html><body><a class="story" href="${ARTICLE}">Museum opens new wing</a></body></html>`),
      [ARTICLE]: reply(PAGE),
    });
    server.route('/feed.xml', reply(rss(server.origin), { 'content-type': 'application/rss+xml' }));
    const html = (id: string, extra: string) => `id: ${id}\ntype: html\nurl: ${server.origin}/list.html\nlinks: a.story\n${extra}`;
    const feed = (id: string, extra: string) => `id: ${id}\ntype: feed\nurl: ${server.origin}/feed.xml\n${extra}`;
    app = await testApp({
      extraConfig: {
        'wirefeed.yaml': FAST_FETCH,
        'sources/page-embeds.yaml': html('page-embeds', ALLOW),
        'sources/page-plain.yaml': html('page-plain', ''),
        'sources/feed-embeds.yaml': feed('feed-embeds', ALLOW),
        'sources/feed-plain.yaml': feed('feed-plain', ''),
      },
    });
    for (const id of ['page-embeds', 'page-plain', 'feed-embeds', 'feed-plain']) {
      const run = await app.scheduler.runNow(id);
      assert.deepEqual([run.new, run.failed, run.error], [1, 0, null], `${id}: ${JSON.stringify(run)}`);
    }
  });
  after(async () => {
    await app?.dispose();
    await server?.close();
  });

  for (const id of ['page-embeds', 'feed-embeds']) {
    it(`${id}: the listed embed arrives sandboxed in RSS, Atom and JSON; the hostile iframes, object and embed do not`, async () => {
      for (const feed of await servedFeeds(app.web, id)) {
        const content = feed.html.filter((h) => h.includes('maritime history'));
        assert.ok(content.length > 0, `${feed.format}: no story content served`);
        assert.ok(content.some((h) => EMBED.test(h)), `${feed.format}: the allowed embed is missing:\n${content.join('\n')}`);
        for (const h of feed.html) {
          assert.deepEqual(unsafeParts(h, { allowIframeHosts: ['www.youtube.com'] }), [], `${feed.format} served:\n${h}`);
          assert.ok(!/evil\.example|srcdoc/.test(h), `${feed.format} served a hostile frame:\n${h}`);
        }
        for (const link of feed.links) assert.ok(isSafeLink(link), `${feed.format} served an unsafe link: ${link}`);
      }
    });
  }

  for (const id of ['page-plain', 'feed-plain']) {
    it(`${id}: without an allow-list no iframe reaches a reader`, async () => {
      for (const feed of await servedFeeds(app.web, id)) {
        assert.ok(feed.html.some((h) => h.includes('maritime history')), `${feed.format}: no story content served`);
        for (const h of feed.html) {
          assert.deepEqual(unsafeParts(h), [], `${feed.format} served:\n${h}`);
          assert.ok(!/<iframe/i.test(h), `${feed.format} served an iframe:\n${h}`);
        }
      }
    });
  }
});
