import assert from 'node:assert/strict';
import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from 'feedsmith';
import request from 'supertest';
import { testApp, type TestApp } from '../support/test-app.js';

const STORIES = {
  'bridge.txt': 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n\nTraffic returned at dawn.\n',
  'lantern.json': JSON.stringify({
    title: 'Lantern festival <draws> crowds',
    url: 'https://wire.example.org/2026/02/28/lanterns',
    body: { text: 'Crowds gathered & cheered.' },
    published: '2026-02-28T12:30:00Z',
    credits: [{ name: 'Kenji Watanabe', role: 'author' }],
  }),
};

describe('feeds over HTTP', () => {
  let app: TestApp;
  before(async () => {
    app = await testApp({ files: STORIES });
    await app.scheduler.runNow('inbox');
  });
  after(async () => app.dispose());

  it('serves RSS 2.0 that a real parser reads, every item complete', async () => {
    const res = await request(app.web).get('/feeds/inbox.rss').expect(200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const feed = parseRssFeed(res.text);
    assert.equal(feed.title, 'Wire inbox');
    assert.equal(feed.items?.length, 2);
    for (const item of feed.items ?? []) {
      assert.ok(item.guid?.value, 'guid');
      assert.ok(item.title, 'title');
      assert.ok(item.link, 'link');
      assert.ok(item.pubDate && !Number.isNaN(Date.parse(item.pubDate)), 'date');
      assert.ok(item.content?.encoded, 'content');
    }
    assert.equal(feed.items?.[0]?.title, 'Bridge reopens', 'newest (first seen now) first');
    assert.equal(feed.items?.[1]?.title, 'Lantern festival <draws> crowds');
  });

  it('serves Atom 1.0 that a real parser reads, every entry complete', async () => {
    const res = await request(app.web).get('/feeds/inbox.atom').expect(200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const feed = parseAtomFeed(res.text);
    assert.equal(feed.entries?.length, 2);
    for (const e of feed.entries ?? []) {
      assert.ok(e.id && e.title && e.updated && e.content, JSON.stringify(e));
      assert.ok(e.links?.some((l) => l.href), 'link');
    }
    assert.equal(feed.entries?.[1]?.links?.[0]?.href, 'https://wire.example.org/2026/02/28/lanterns');
  });

  it('serves JSON Feed 1.1 that a real parser reads, every item complete', async () => {
    const res = await request(app.web).get('/feeds/inbox.json').expect(200);
    assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
    const feed = parseJsonFeed(res.body ?? JSON.parse(res.text));
    assert.equal(feed.items?.length, 2);
    for (const item of feed.items ?? []) {
      assert.ok(item.id && item.title && item.url && item.date_published && item.content_html, JSON.stringify(item));
    }
    assert.equal(feed.items?.[1]?.date_published, '2026-02-28T12:30:00.000Z');
    assert.match(feed.items?.[1]?.content_html ?? '', /Crowds gathered &amp; cheered\./);
  });

  it('answers 404 for unknown feeds and formats', async () => {
    await request(app.web).get('/feeds/nobody.rss').expect(404);
    await request(app.web).get('/feeds/inbox.xml').expect(404);
    const res = await request(app.web).get('/feeds/..%2Fetc.rss').expect(404);
    assert.equal(res.body.error, 'FEED_NOT_FOUND');
  });

  it('answers 405 with Allow for a write to a read-only URL, and still 404 elsewhere', async () => {
    for (const path of ['/feeds/inbox.rss', '/feeds/inbox', '/feeds.opml', '/']) {
      const res = await request(app.web).post(path).send('x').expect(405);
      assert.equal(res.headers.allow, 'GET, HEAD');
      assert.equal(res.body.error, 'METHOD_NOT_ALLOWED');
    }
    await request(app.web).delete('/feeds/inbox.json').expect(405);
    await request(app.web).post('/nowhere').expect(404);
  });

  it('lists feeds on / with autodiscovery links and in OPML', async () => {
    const index = await request(app.web).get('/').expect(200);
    assert.match(index.text, /<link rel="alternate" type="application\/rss\+xml" title="Wire inbox \(rss\)" href="https:\/\/feeds\.example\.org\/feeds\/inbox\.rss">/);
    assert.match(index.text, /type="application\/feed\+json"/);
    const opml = await request(app.web).get('/feeds.opml').expect(200);
    const parsed = parseOpml(opml.text);
    assert.equal(parsed.body?.outlines?.[0]?.xmlUrl, 'https://feeds.example.org/feeds/inbox.rss');
  });

  it('sends strong validators and caching headers, and 304s for If-None-Match and If-Modified-Since', async () => {
    const res = await request(app.web).get('/feeds/inbox.atom').set('Accept-Encoding', 'identity').expect(200);
    const etag = res.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/, 'strong ETag');
    assert.equal(res.headers['last-modified'], new Date(app.clock.now()).toUTCString(), 'newest story change');
    assert.match(res.headers['cache-control'] ?? '', /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const notModified = await request(app.web).get('/feeds/inbox.atom').set('Accept-Encoding', 'identity').set('If-None-Match', etag).expect(304);
    assert.equal(notModified.headers.etag, etag);
    assert.equal(notModified.text, '');
    // The tag names the identity representation: it matches only where identity is selected (RFC 9110 §13.1.2).
    await request(app.web).get('/feeds/inbox.atom').set('Accept-Encoding', 'identity').set('If-None-Match', '"other", ' + etag).expect(304);
    await request(app.web).get('/feeds/inbox.atom').set('Accept-Encoding', 'gzip').set('If-None-Match', etag).expect(200);
    await request(app.web).get('/feeds/inbox.atom').set('If-None-Match', '"other"').expect(200);
    await request(app.web).get('/feeds/inbox.atom').set('If-Modified-Since', res.headers['last-modified'] as string).expect(304);
    await request(app.web).get('/feeds/inbox.atom').set('If-Modified-Since', 'Thu, 01 Jan 2026 00:00:00 GMT').expect(200);
    // RFC 9110 §13.1.3: If-None-Match wins over If-Modified-Since.
    await request(app.web)
      .get('/feeds/inbox.atom')
      .set('If-None-Match', '"other"')
      .set('If-Modified-Since', res.headers['last-modified'] as string)
      .expect(200);
  });

  it('serves gzip and brotli compressed once, with their own ETags, and answers HEAD without a body', async () => {
    const plain = await request(app.web).get('/feeds/inbox.rss').set('Accept-Encoding', 'identity').expect(200);
    const gz = await request(app.web).get('/feeds/inbox.rss').set('Accept-Encoding', 'gzip').expect(200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.text, plain.text, 'same bytes once decoded');
    assert.notEqual(gz.headers.etag, plain.headers.etag);
    const br = await request(app.web).get('/feeds/inbox.rss').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    assert.equal(br.headers['content-encoding'], 'br');
    const noBr = await request(app.web).get('/feeds/inbox.rss').set('Accept-Encoding', 'br;q=0, gzip').expect(200);
    assert.equal(noBr.headers['content-encoding'], 'gzip');
    const head = await request(app.web).head('/feeds/inbox.rss').set('Accept-Encoding', 'identity').expect(200);
    assert.equal(head.headers.etag, plain.headers.etag);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(plain.text)));
    assert.equal(head.text, undefined);
  });

  it('renders once per feed version; a changed story changes the bytes and the ETag', async () => {
    const first = await request(app.web).get('/feeds/inbox.json').expect(200);
    const misses = app.renderCache.stats.misses;
    const again = await request(app.web).get('/feeds/inbox.json').expect(200);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(app.renderCache.stats.misses, misses, 'served from the render cache');
    app.clock.advance(60_000);
    app.dir.write('stories/bridge.txt', 'Bridge reopens fully\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n');
    await app.scheduler.runNow('inbox');
    const changed = await request(app.web).get('/feeds/inbox.json').expect(200);
    assert.notEqual(changed.headers.etag, first.headers.etag);
    assert.equal(app.renderCache.stats.misses, misses + 1);
    assert.equal(changed.headers['last-modified'], app.clock.now().toUTCString());
  });

  it('previews a feed as HTML with dateline, credits and links to the three formats', async () => {
    const res = await request(app.web).get('/feeds/inbox').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/);
    assert.match(res.text, /<link rel="alternate" type="application\/atom\+xml" title="Wire inbox \(atom\)" href="https:\/\/feeds\.example\.org\/feeds\/inbox\.atom">/);
    assert.match(res.text, /Lantern festival &lt;draws&gt; crowds/);
    assert.match(res.text, /Kenji Watanabe <small>\(author\)<\/small>/);
    assert.match(res.text, /PORTHAVEN/);
    assert.match(res.text, /<a href="https:\/\/feeds\.example\.org\/feeds\/inbox\.json">JSON<\/a>/);
    // Rendered once per feed version like the feeds, with their validators and encodings.
    const misses = app.renderCache.stats.misses;
    await request(app.web).get('/feeds/inbox').set('If-None-Match', String(res.headers.etag)).expect(304);
    const gz = await request(app.web).get('/feeds/inbox').set('Accept-Encoding', 'gzip').expect(200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.text, res.text);
    assert.equal(app.renderCache.stats.misses, misses, 'served from the render cache');
    await request(app.web).get('/feeds/nobody').expect(404);
  });

  it('answers /healthz and /readyz', async () => {
    assert.deepEqual((await request(app.web).get('/healthz').expect(200)).body, { status: 'ok' });
    assert.deepEqual((await request(app.web).get('/readyz').expect(200)).body, { status: 'ready' });
  });
});
