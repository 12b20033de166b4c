// Every Story text field has a length cap, not just the body (issue 15, finding 6): one
// module applied as the last step of normalizeStory, so pushed JSON, feed items, pages
// and story files all come out within FIELD_LIMITS.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildStory } from '../../src/normalize/build-story.js';
import { cut, FIELD_LIMITS } from '../../src/normalize/field-limits.js';
import type { Story } from '../../src/story.js';
import { testApp } from '../support/test-app.js';

const ctx = { sourceId: 'desk' };
const BODY = { text: 'The harbour reopened on Monday after repairs, officials said.' };
const long = (n: number, word = 'word ') => word.repeat(Math.ceil(n / word.length) + 10);
const fromJson = (value: Record<string, unknown>): Story => buildStory({ kind: 'json', value: { title: 'Harbour', body: BODY, ...value } }, ctx);
const fromFeedItem = (raw: Record<string, unknown>): Story => buildStory({ kind: 'raw', raw: { title: 'Harbour', paragraphs: [BODY.text], ...raw } }, ctx);

const within = (text: string | null | undefined, max: number, what: string) => {
  assert.ok(text != null, `${what} was dropped`);
  assert.ok(text.length <= max, `${what}: ${text.length} > ${max}`);
  assert.ok(text.endsWith('…'), `${what} is not marked as cut`);
};

describe('hardening: every Story field has a length cap', () => {
  it('title', () => {
    for (const story of [fromJson({ title: long(50_000) }), fromFeedItem({ title: long(50_000) })]) within(story.title, FIELD_LIMITS.title, 'title');
  });

  it('summary', () => within(fromJson({ summary: long(50_000) }).summary, FIELD_LIMITS.summary, 'summary'));

  it('byline', () => {
    const story = fromFeedItem({ byline: long(50_000, 'Jane Doe and ') });
    within(story.byline, FIELD_LIMITS.byline, 'byline');
    for (const c of story.credits) assert.ok(c.name.length <= FIELD_LIMITS.creditName);
  });

  it('credits: each name, and how many', () => {
    const credits = Array.from({ length: 5_000 }, (_, i) => ({ name: `Reporter ${i} ${long(1_000, 'x')}`, role: 'author' }));
    const story = fromJson({ credits });
    assert.equal(story.credits.length, FIELD_LIMITS.credits);
    for (const c of story.credits) within(c.name, FIELD_LIMITS.creditName, 'credit name');
  });

  it('images: captions, credits, URLs, and how many', () => {
    const images = Array.from({ length: 1_000 }, (_, i) => ({ url: `https://img.example.com/${i}.jpg`, caption: long(20_000), credit: long(5_000) }));
    const story = fromJson({ images });
    assert.equal(story.images.length, FIELD_LIMITS.images);
    for (const img of story.images) {
      within(img.caption, FIELD_LIMITS.caption, 'caption');
      within(img.credit, FIELD_LIMITS.imageCredit, 'image credit');
    }
    const [longUrl, bigData, smallData] = fromJson({
      images: [
        { url: `https://img.example.com/${'a'.repeat(FIELD_LIMITS.url)}.jpg`, caption: 'Long URL' },
        { url: `data:image/png;base64,${'A'.repeat(FIELD_LIMITS.dataImageUrl)}`, caption: 'Big inline' },
        { url: 'data:image/png;base64,iVBORw0KGgo=', caption: 'Small inline' },
      ],
    }).images;
    assert.deepEqual([longUrl?.url, bigData?.url, smallData?.url], [null, null, 'data:image/png;base64,iVBORw0KGgo=']);
  });

  it('categories: each, and how many', () => {
    const story = fromJson({ categories: Array.from({ length: 10_000 }, (_, i) => `${i} ${long(1_000)}`) });
    assert.equal(story.categories.length, FIELD_LIMITS.categories);
    for (const c of story.categories) within(c, FIELD_LIMITS.category, 'category');
  });

  it('dateline: text and each part', () => {
    const part = long(5_000);
    const story = fromJson({ dateline: { text: long(5_000), place: part, region: part, country: part, agency: part, date: part } });
    const d = story.dateline!;
    within(d.text, FIELD_LIMITS.datelineText, 'dateline text');
    for (const key of ['place', 'region', 'country', 'agency', 'date'] as const) within(d[key], FIELD_LIMITS.datelinePart, `dateline ${key}`);
  });

  it('URL and language: an overlong one is dropped, not cut', () => {
    const story = fromJson({ url: `https://news.example.com/${'a'.repeat(FIELD_LIMITS.url)}`, language: `en-${'x'.repeat(100)}` });
    assert.equal(story.url, null);
    assert.equal(story.language, null);
    assert.equal(fromJson({ url: 'https://news.example.com/a', language: 'en-GB' }).url, 'https://news.example.com/a');
  });

  it('body.html: markup far larger than its text becomes paragraphs of the text', () => {
    const html = `<p>${BODY.text}</p>${'<span></span>'.repeat(FIELD_LIMITS.bodyHtml / 13 + 10)}`;
    const story = fromJson({ body: { html } });
    assert.ok(story.body.html.length <= FIELD_LIMITS.bodyHtml);
    assert.match(story.body.html, /harbour reopened/);
  });

  it('cut never splits a surrogate pair and marks the cut', () => {
    assert.equal(cut('ab😀cd', 4), 'ab…');
    assert.equal(cut('abc', 3), 'abc');
  });

  it('pushed Story JSON over HTTP is stored within the caps', async () => {
    const token = 'push-token-0123456789abcdef';
    const app = await testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${token}\nmaxBytes: 8000000\n` } });
    try {
      const res = await request(app.web)
        .post('/api/sources/desk/stories')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ title: long(100_000), byline: long(100_000), categories: [long(100_000)], body: BODY }));
      assert.equal(res.status, 201, res.text.slice(0, 300));
      const [stored] = await app.store.listStories({ sourceIds: ['desk'], limit: 1 });
      within(stored?.story.title, FIELD_LIMITS.title, 'stored title');
      within(stored?.story.byline, FIELD_LIMITS.byline, 'stored byline');
      within(stored?.story.categories[0], FIELD_LIMITS.category, 'stored category');
    } finally {
      await app.dispose();
    }
  });
});
