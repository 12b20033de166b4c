// Untrusted HTML never reaches a reader unsafe, whatever door it came in by: pushed JSON
// with body.html, a .json story file, and (below) pages through extractStory. Cases are
// folders under test/fixtures/hostile-html/ (adding a case is adding a folder).
import assert from 'node:assert/strict';
import request from 'supertest';
import { extractStory } from '../../src/normalize/extract-story.js';
import { extractHtml } from '../../src/extract/html.js';
import { storyFromInput } from '../../src/normalize/story-from-input.js';
import { runSource } from '../../src/schedule/run-source.js';
import { fixtureCases } from '../support/fixture-cases.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { servedFeeds } from './served-feeds.js';
import { isSafeLink, unsafeParts } from './unsafe-html.js';

const TOKEN = 'push-token-hardening-0123456789';
export const HOSTILE_CASES = fixtureCases('hostile-html').map((c) => ({ name: c.name, html: c.read('page.html') }));

const titleOf = (html: string) => /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'Untitled';

async function assertServedSafe(app: TestApp, feedId: string, expectedItems: number): Promise<void> {
  for (const feed of await servedFeeds(app.web, feedId)) {
    assert.ok(feed.html.length >= expectedItems, `${feed.format}: ${feed.html.length} html parts for ${expectedItems} items`);
    for (const html of feed.html) assert.deepEqual(unsafeParts(html), [], `${feed.format} served unsafe HTML:\n${html}`);
    for (const link of feed.links) assert.ok(isSafeLink(link), `${feed.format} served an unsafe link: ${link}`);
  }
}

describe('hardening: untrusted HTML never reaches a reader unsafe', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());

  it(`pushed JSON stories with body.html (${HOSTILE_CASES.length} hostile pages)`, async () => {
    app = await testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${TOKEN}\n` } });
    const stories = HOSTILE_CASES.map((c) => ({ title: titleOf(c.html), body: { html: c.html } }));
    await request(app.web).post('/api/sources/desk/stories').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send(JSON.stringify(stories)).expect(201);
    const stored = await app.store.listStories({ sourceIds: ['desk'], limit: 100 });
    assert.equal(stored.length, HOSTILE_CASES.length);
    for (const s of stored) {
      assert.deepEqual(unsafeParts(s.story.body.html), [], `stored body.html of "${s.story.title}":\n${s.story.body.html}`);
    }
    await assertServedSafe(app, 'desk', HOSTILE_CASES.length);
    // Our own HTML pages (the index and the feed preview) show story text as text.
    for (const page of ['/', '/feeds/desk']) {
      const res = await request(app.web).get(page).expect(200);
      assert.match(String(res.headers['content-type']), /^text\/html/, page);
      const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(res.text)?.[1] ?? res.text;
      assert.deepEqual(unsafeParts(body), [], `${page} shows unsafe HTML`);
    }
  });

  it('.json story files with body.html, through the files source', async () => {
    const files = Object.fromEntries(HOSTILE_CASES.map((c) => [`${c.name}.json`, JSON.stringify({ title: titleOf(c.html), body: { html: c.html } })]));
    app = await testApp({ files });
    const inbox = app.config.sources.find((s) => s.id === 'inbox')!;
    const outcome = await runSource(inbox, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http });
    assert.equal(outcome.new, HOSTILE_CASES.length, `run: ${JSON.stringify(outcome)}`);
    for (const s of await app.store.listStories({ sourceIds: ['inbox'], limit: 100 })) {
      assert.deepEqual(unsafeParts(s.story.body.html), [], `stored body.html of "${s.story.title}"`);
    }
    await assertServedSafe(app, 'inbox', HOSTILE_CASES.length);
  });

  it('.html story files through the files source', async () => {
    app = await testApp({ files: Object.fromEntries(HOSTILE_CASES.map((c) => [`${c.name}.html`, c.html])) });
    const inbox = app.config.sources.find((s) => s.id === 'inbox')!;
    const outcome = await runSource(inbox, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http });
    assert.equal(outcome.new, HOSTILE_CASES.length, `run: ${JSON.stringify(outcome)}`);
    await assertServedSafe(app, 'inbox', HOSTILE_CASES.length);
  });

  it('pushed story and image URLs: javascript:, vbscript: and data: (but data: images) never become links', async () => {
    app = await testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${TOKEN}\n` } });
    const hostile = [
      { title: 'Story link', url: 'javascript:alert(1)', body: { text: 'Text one.' } },
      { title: 'Story link 2', url: 'data:text/html,<script>alert(1)</script>', body: { text: 'Text two.' } },
      { title: 'Image link', body: { text: 'Text three.' }, images: [{ url: 'javascript:alert(1)', caption: 'x' }] },
      { title: 'Image link 2', body: { text: 'Text four.' }, images: [{ url: 'vbscript:msgbox(1)' }, { url: 'data:text/html;base64,PHNjcmlwdD4=' }] },
    ];
    for (const story of hostile) {
      const res = await request(app.web).post('/api/sources/desk/stories').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send(JSON.stringify(story));
      // Refused (400) or stored without the link: either way nothing unsafe is served.
      assert.ok(res.status === 400 || res.status === 201, `${story.title}: HTTP ${res.status}`);
    }
    const count = await app.store.countStories('desk');
    if (count > 0) await assertServedSafe(app, 'desk', count);
    for (const s of await app.store.listStories({ sourceIds: ['desk'], limit: 100 })) {
      assert.ok(isSafeLink(s.story.url), `stored url ${s.story.url}`);
      for (const img of s.story.images) assert.ok(img.url === null || isSafeLink(img.url) || /^data:image\//.test(img.url), `stored image ${img.url}`);
    }
  });

  it('extractStory on hostile pages: body.html, images and url; the extractor\'s raw markup made safe from any path', () => {
    for (const c of HOSTILE_CASES) {
      const url = `https://news.example.com/${c.name}`;
      const story = extractStory(c.html, { url });
      assert.deepEqual(unsafeParts(story.body.html), [], `${c.name}: body.html\n${story.body.html}`);
      assert.ok(isSafeLink(story.url), `${c.name}: url ${story.url}`);
      for (const img of story.images) assert.ok(img.url === null || isSafeLink(img.url) || /^data:image\//.test(img.url), `${c.name}: image ${img.url}`);
      // The extractor hands over markup unsanitized (the normalizer sanitizes last): pushed as
      // body.html, the same markup comes out safe too.
      const raw = extractHtml(c.html, { url });
      if (raw.html?.trim()) {
        const pushed = storyFromInput({ title: 'T', url, body: { html: raw.html } }, { sourceId: 'desk' });
        assert.deepEqual(unsafeParts(pushed.body.html), [], `${c.name}: extractor markup pushed\n${pushed.body.html}`);
      }
    }
  });

  it('the detector itself flags every hostile page (so a pass above means something)', () => {
    for (const c of HOSTILE_CASES) assert.ok(unsafeParts(c.html).length > 0, `${c.name}: nothing flagged`);
    assert.deepEqual(unsafeParts('<p>Plain <a href="https://example.com/">link</a> <img src="data:image/png;base64,AAAA" width="600"></p>'), []);
  });
});
