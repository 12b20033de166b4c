import assert from 'node:assert/strict';
import { parseRssFeed } from 'feedsmith';
import request from 'supertest';
import { testApp, type TestApp } from '../support/test-app.js';

const STORIES = {
  'lighthouse.txt':
    'Lighthouse keeper retires after 41 years\n\nKeeper Ruth Abernethy climbs the stairs of the Black Rock lighthouse for the last time.\n\nFeng Li\n\n' +
    "OBAN, Scotland — Ruth Abernethy, one of the last full-time lighthouse keepers in the country, retired on Friday after 41 years on the rock.\n\nThe lighthouse's lamp has been automated since 2019.\n",
};

describe('story pages over HTTP', () => {
  let app: TestApp;
  let pagePath: string;
  before(async () => {
    app = await testApp({ files: STORIES });
    await app.scheduler.runNow('inbox');
    const feed = parseRssFeed((await request(app.web).get('/feeds/inbox.rss').expect(200)).text);
    const link = feed.items?.[0]?.link ?? '';
    assert.match(link, /^https:\/\/feeds\.example\.org\/stories\/[0-9a-f]{24}$/, 'a story without a URL links to its page');
    pagePath = new URL(link).pathname;
  });
  after(async () => app.dispose());

  it('serves the page a story without a URL links to, with validators', async () => {
    const res = await request(app.web).get(pagePath).set('Accept-Encoding', 'identity').expect(200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(res.headers.etag ?? '', /^"[\w-]{27}"$/);
    assert.ok(res.headers['last-modified']);
    assert.match(res.text, /<h1>Lighthouse keeper retires after 41 years<\/h1>/);
    assert.match(res.text, /<figcaption>Keeper Ruth Abernethy .* <small>Photo: Feng Li<\/small><\/figcaption>/);
    assert.match(res.text, /The lighthouse's lamp/, 'no entity for an apostrophe');
    assert.match(res.text, /No publication date given; first seen here/);
  });

  it('answers a conditional request with 304, and gzip when asked', async () => {
    const first = await request(app.web).get(pagePath).set('Accept-Encoding', 'identity').expect(200);
    await request(app.web).get(pagePath).set('Accept-Encoding', 'identity').set('If-None-Match', first.headers.etag!).expect(304);
    await request(app.web).get(pagePath).set('If-Modified-Since', first.headers['last-modified']!).expect(304);
    // supertest decodes gzip and br itself: the same page, sent compressed under its own tag.
    const gz = await request(app.web).get(pagePath).set('Accept-Encoding', 'gzip').expect(200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.etag, first.headers.etag!.replace(/"$/, '-gz"'));
    assert.equal(gz.text, first.text);
    const br = await request(app.web).get(pagePath).set('Accept-Encoding', 'br').expect(200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.text, first.text);
  });

  it('answers HEAD, 404 for an unknown story or view, 405 for a POST', async () => {
    const head = await request(app.web).head(pagePath).expect(200);
    assert.ok(head.headers.etag);
    const missing = await request(app.web).get(`/stories/${'0'.repeat(24)}`).expect(404);
    assert.equal(missing.body.error, 'STORY_NOT_FOUND');
    await request(app.web).get(`${pagePath}.nope`).expect(404);
    await request(app.web).get('/stories/not-an-id').expect(404);
    await request(app.web).post(pagePath).expect(405);
  });
});
