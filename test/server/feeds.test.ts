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

  it('lists feeds on / with autodiscovery links and in OPML', async () => {
    const index = await request(app.web).get('/').expect(200);
    assert.match(index.text, /<link rel="alternate" type="application\/rss\+xml" title="Wire inbox \(rss\)" href="https:\/\/feeds\.example\.org\/feeds\/inbox\.rss">/);
    assert.match(index.text, /type="application\/feed\+json"/);
    const opml = await request(app.web).get('/feeds.opml').expect(200);
    const parsed = parseOpml(opml.text);
    assert.equal(parsed.body?.outlines?.[0]?.xmlUrl, 'https://feeds.example.org/feeds/inbox.rss');
  });

  it('answers /healthz and /readyz', async () => {
    assert.deepEqual((await request(app.web).get('/healthz').expect(200)).body, { status: 'ok' });
    assert.deepEqual((await request(app.web).get('/readyz').expect(200)).body, { status: 'ready' });
  });
});
