import assert from 'node:assert/strict';
import { parseJsonFeed } from 'feedsmith';
import request from 'supertest';
import { STALE_HEADER } from '../../src/server/feed-routes.js';
import { testApp, type TestApp } from '../support/test-app.js';

const story = (title: string, published: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ title, body: { text: `${title}. More text follows here.` }, published, ...extra });

const STORIES = {
  'a.json': story('Harbour bridge reopens', '2026-03-01T10:00:00Z', { categories: ['Transport'], credits: [{ name: 'Ana Ruiz', role: 'author' }] }),
  'b.json': story('Rail strike ends', '2026-03-02T10:00:00Z', { categories: ['Labour'] }),
  'c.json': story('Glacier survey published', '2026-03-03T10:00:00Z', { categories: ['Science'] }),
  'd.json': story('Museum heist solved', '2026-03-04T10:00:00Z', { categories: ['Crime'] }),
};

type Json = { items: { title: string; content_html?: string; content_text?: string }[]; next_url?: string; feed_url: string };
const titles = (doc: Json) => doc.items.map((i) => i.title);

describe('feed parameters, paging, combined feeds and stale sources', () => {
  let app: TestApp;
  before(async () => {
    app = await testApp({
      files: STORIES,
      extraConfig: {
        'sources/broken.yaml': 'id: broken\ntype: files\npath: /nonexistent/wirefeed-test\n',
        'feeds/no-crime.yaml': 'id: no-crime\ntitle: No crime\nsources: [inbox, broken]\nexclude:\n  categories: [crime]\n  title: "^Rail"\nlimit: 10\n',
      },
    });
    await app.scheduler.runNow('inbox');
  });
  after(async () => app.dispose());

  const json = async (path: string) => {
    const res = await request(app.web).get(path).expect(200);
    return JSON.parse(res.text) as Json;
  };

  it('limit, filter, filterout and their field forms (RSSHub names)', async () => {
    assert.deepEqual(titles(await json('/feeds/inbox.json?limit=2')), ['Museum heist solved', 'Glacier survey published']);
    assert.deepEqual(titles(await json('/feeds/inbox.json?filter=bridge|strike&filter_case_sensitive=false')), ['Rail strike ends', 'Harbour bridge reopens']);
    assert.deepEqual(titles(await json('/feeds/inbox.json?filterout_title=^(Museum|Glacier)')), ['Rail strike ends', 'Harbour bridge reopens']);
    assert.deepEqual(titles(await json('/feeds/inbox.json?filter_category=^Science$')), ['Glacier survey published']);
    assert.deepEqual(titles(await json('/feeds/inbox.json?filter_author=Ruiz')), ['Harbour bridge reopens']);
  });

  it('filter_time keeps only recent stories; summary=N sends short text instead of content', async () => {
    // The test clock is 2026-03-05T08:00Z: two days back reaches 03-03T08:00.
    assert.deepEqual(titles(await json(`/feeds/inbox.json?filter_time=${2 * 86400}`)), ['Museum heist solved', 'Glacier survey published']);
    const short = await json('/feeds/inbox.json?summary=12&limit=1');
    assert.equal(short.items[0]?.content_html, undefined);
    assert.ok([...(short.items[0]?.content_text ?? '')].length <= 12);
  });

  it('format= is an alternative to the extension, and normalized self links ignore unknown parameters', async () => {
    const res = await request(app.web).get('/feeds/inbox?format=atom&utm_source=x&limit=3').expect(200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.match(res.text, /<link rel="self" type="application\/atom\+xml" href="https:\/\/feeds\.example\.org\/feeds\/inbox\.atom\?limit=3"\/>/);
    await request(app.web).get('/feeds/inbox.rss?format=json').expect(400);
  });

  it('pages with next links (RFC 5005) and ?before= until the end, without repeats', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/feeds/inbox.json?limit=3';
    while (url) {
      const doc = await json(url);
      seen.push(...titles(doc));
      url = doc.next_url?.replace('https://feeds.example.org', '');
    }
    assert.deepEqual(seen, ['Museum heist solved', 'Glacier survey published', 'Rail strike ends', 'Harbour bridge reopens']);
    const atom = await request(app.web).get('/feeds/inbox.atom?limit=3').expect(200);
    assert.match(atom.text, /<link rel="next" type="application\/atom\+xml" href="[^"]+before=/);
    const rss = await request(app.web).get('/feeds/inbox.rss?limit=3').expect(200);
    assert.match(rss.text, /<atom:link href="[^"]+before=[^"]+" rel="next"/);
  });

  it('rejects bad parameters with a clear 400 and survives a hostile regex', async () => {
    const bad = await request(app.web).get('/feeds/inbox.json?limit=0').expect(400);
    assert.equal(bad.body.error, 'INPUT_INVALID');
    await request(app.web).get('/feeds/inbox.json?filter=(unclosed').expect(400);
    await request(app.web).get(`/feeds/inbox.json?filter=${'a'.repeat(300)}`).expect(400);
    // Catastrophic for a backtracking engine; linear on re2js. No time is asserted: a hang
    // would meet the test's timeout, and speed belongs in the benchmarks.
    await request(app.web).get(`/feeds/inbox.json?filter=${encodeURIComponent('^(a+)+$')}`).expect(200);
  });

  it('combined feeds apply include/exclude filters; a failing source is served stale with a header', async () => {
    const run = await app.scheduler.runNow('broken');
    assert.ok(run.error, 'the broken source failed');
    const res = await request(app.web).get('/feeds/no-crime.json').expect(200);
    const doc = parseJsonFeed(JSON.parse(res.text));
    assert.deepEqual(doc.items?.map((i) => i.title), ['Glacier survey published', 'Harbour bridge reopens']);
    const preview = (await request(app.web).get('/feeds/no-crime').expect(200)).text;
    assert.match(preview, /Glacier survey published/);
    assert.doesNotMatch(preview, /Museum heist|Rail strike/, 'the preview shows what the feed holds');
    assert.equal(res.headers[STALE_HEADER.toLowerCase()], app.clock.now().toUTCString(), 'stale since its first failure');
    const fresh = await request(app.web).get('/feeds/inbox.json').expect(200);
    assert.equal(fresh.headers[STALE_HEADER.toLowerCase()], undefined);
  });
});
