// The thread parser is the production path of every scheduled source, of pushed bodies
// and of story files: it must give what the extractors give on the calling thread, keep
// error codes (and a push's field problems) across the thread boundary, and leave the
// event loop free while a large page is parsed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { parseStoryFile } from '../../src/normalize/parse-story-file.js';
import type { PushTask, StoryFileTask } from '../../src/sources/parse-worker.js';
import { inlineParser, threadParser, type Parser } from '../../src/sources/parser.js';
import { MAX_PUSHED_STORIES, storiesFromPush, type PushBodyKind } from '../../src/sources/push.js';
import { caseOptions, listCases } from '../normalize/story-corpus.js';
import { fixtureCases } from '../support/fixture-cases.js';

const fixture = (rel: string) => readFileSync(new URL(`../fixtures/${rel}`, import.meta.url), 'utf8');
const SITE = 'https://news.example.com';
const ARTICLES = ['2026/03/05/storm-warning-for-coastal-towns.html', '2026/03/04/harbour-bridge-reopens-early.html', 'legacy/seoul-subway-line-extension.html'];

describe('parser (pages, feeds, sitemaps off the event loop)', function () {
  this.timeout(60_000);
  const inline = inlineParser();
  let threads: Parser;
  before(() => {
    threads = threadParser(2, silentLogger());
  });
  after(async () => threads?.close());
  const both = async <T>(f: (p: Parser) => Promise<T>) => {
    const [a, b] = await Promise.all([f(threads), f(inline)]);
    assert.deepEqual(a, b);
    return a;
  };

  it('gives on worker threads exactly what the extractors give on the calling thread', async () => {
    for (const rel of ARTICLES) {
      const story = await both((p) => p.pageStory({ html: fixture(`site/${rel}`), options: { url: `${SITE}/${rel}` }, ctx: { sourceId: 'site', key: `${SITE}/${rel}` } }));
      assert.ok(story.title && story.body.text, rel);
    }
    const listed = { raw: { title: 'Listed title', categories: ['Weather'] }, url: `${SITE}/listed` };
    const merged = await both((p) => p.pageStory({ html: fixture(`site/${ARTICLES[0]}`), options: { url: `${SITE}/x` }, ctx: { sourceId: 'site', key: listed.url }, listed }));
    assert.equal(merged.url, listed.url, "the listing's link is the story's URL");
    const normalized = await both((p) => p.normalize([{ raw: { title: 'T', paragraphs: ['Body.'] }, ctx: { sourceId: 's', key: 'a' } }, { raw: { title: '' }, ctx: { sourceId: 's' } }]));
    assert.equal((normalized[0] as { title: string }).title, 'T');
    assert.ok(normalized[1] instanceof AppError && normalized[1].code === 'EXTRACT_EMPTY', 'an item that fails is an error in its place');
    const listing = await both((p) => p.links(fixture('site/index.html'), { pageUrl: `${SITE}/` }));
    assert.ok(listing.links.length >= 3);
    for (const c of fixtureCases('feeds-in')) {
      const text = c.read(c.first(['feed.xml', 'feed.json'])!);
      await both((p) => p.feed(text, { url: `${SITE}/${c.name}` }).catch((err: AppError) => err.code));
    }
    const sitemap = await both((p) => p.sitemap(fixture('sitemaps/google-news/sitemap.xml'), { url: `${SITE}/sitemap.xml` }));
    assert.equal(sitemap.kind, 'urlset');
  });

  it('reads every story file of the corpus on threads as parseStoryFile does, from its bytes', async () => {
    const cases = listCases();
    assert.ok(cases.length >= 50 && ['.txt', '.xml', '.json'].every((ext) => cases.some((c) => c.input.endsWith(ext))));
    for (const c of cases) {
      const bytes = readFileSync(path.join(c.dir, c.input));
      const story = await both((p) => p.storyFile({ content: bytes, filename: c.input, options: caseOptions(c) }));
      assert.deepEqual(story, parseStoryFile(bytes.toString('utf8'), c.input, caseOptions(c)), c.name);
    }
    const page = readFileSync(new URL(`../fixtures/site/${ARTICLES[0]}`, import.meta.url));
    const saved = await both((p) => p.storyFile({ content: page, filename: 'storm.html', options: { sourceId: 'inbox' } }));
    assert.ok(saved.title && saved.body.text, 'a saved page');
  });

  it('reads push bodies (JSON, NDJSON, text, NITF) on threads as storiesFromPush does', async () => {
    const cases = listCases();
    const inputs = (ext: string) => cases.filter((c) => c.input.endsWith(ext)).map((c) => readFileSync(path.join(c.dir, c.input), 'utf8'));
    const json = inputs('.json').map((t) => JSON.parse(t) as unknown);
    const bodies: [PushBodyKind, string, string?][] = [
      ['json', JSON.stringify(json)],
      ['json', JSON.stringify(json[0])],
      ['ndjson', json.map((j) => JSON.stringify(j)).join('\n')],
      ...inputs('.txt').map((t, i): [PushBodyKind, string, string?] => ['text', t, i % 2 ? `slug-${i}` : undefined]),
      ...inputs('.xml').map((x): [PushBodyKind, string] => ['nitf', x]),
    ];
    for (const [kind, body, slug] of bodies) {
      const ctx = { source: { id: 'desk', normalize: { dropParagraphs: [], timezone: 'Europe/London' }, language: 'en' }, slug };
      const stories = await both((p) => p.push({ body, kind, ctx }));
      assert.deepEqual(stories, storiesFromPush(body, kind, ctx), `${kind}: ${body.slice(0, 40)}`);
    }
  });

  it('keeps the code, message and field problems of push and story-file errors across the thread boundary', async () => {
    const ctx = { source: { id: 'desk', normalize: { dropParagraphs: [] }, language: undefined } };
    const story = { title: 'T', body: { text: 'B.' } };
    const pushes: PushTask[] = [
      { body: JSON.stringify([story, { title: '', body: {} }, { ...story, published: 'someday' }]), kind: 'json', ctx },
      { body: JSON.stringify(Array(MAX_PUSHED_STORIES + 1).fill(story)), kind: 'json', ctx },
      { body: '{"title": "half', kind: 'ndjson', ctx },
      { body: '   \n', kind: 'text', ctx },
    ];
    const files: StoryFileTask[] = [
      { content: Buffer.from('<html><body>x</body></html>'), filename: 'page.xml', options: { sourceId: 'inbox' } },
      { content: Buffer.from('{"title": "half'), filename: 'b.json', options: { sourceId: 'inbox' } },
    ];
    const cases: [string, (p: Parser) => Promise<unknown>, () => unknown][] = [
      ...pushes.map((t): [string, (p: Parser) => Promise<unknown>, () => unknown] => [t.body.slice(0, 30), (p) => p.push(t), () => storiesFromPush(t.body, t.kind, t.ctx)]),
      ...files.map((t): [string, (p: Parser) => Promise<unknown>, () => unknown] => [t.filename, (p) => p.storyFile(t), () => parseStoryFile(Buffer.from(t.content).toString('utf8'), t.filename, t.options)]),
    ];
    const seen = (err: unknown) => (err instanceof AppError ? { code: err.code, message: err.message, details: err.details } : err);
    const codes = [];
    for (const [name, viaParser, direct] of cases) {
      let expected: ReturnType<typeof seen> = null;
      assert.throws(direct, (err) => ((expected = seen(err)), err instanceof AppError), name);
      for (const p of [threads, inline]) await assert.rejects(viaParser(p), (err) => (assert.deepEqual(seen(err), expected, name), true));
      codes.push((expected as { code: string }).code);
    }
    assert.deepEqual(codes, ['INPUT_INVALID', 'PAYLOAD_TOO_LARGE', 'INPUT_INVALID', 'INPUT_INVALID', 'PARSE_FAILED', 'PARSE_FAILED']);
  });

  it('keeps an error its code across the thread boundary', async () => {
    await assert.rejects(threads.feed('this is not a feed', { url: `${SITE}/f` }), (err: unknown) => err instanceof AppError && err.code === 'PARSE_FAILED' && /not a feed/.test(err.message));
  });

  it('leaves the event loop turning while a 1 MB page is extracted and normalized', async () => {
    const para = '<p>The harbour authority said the works on the northern pier continued through the week, with two new cranes.</p>';
    const page = `<html><head><title>Long read</title></head><body><article>${para.repeat(8_000)}</article></body></html>`;
    const ctx = { sourceId: 'site', key: `${SITE}/long` };
    await threads.pageStory({ html: '<html><head><title>warm</title></head><body><p>up</p></body></html>', options: {}, ctx }); // thread started
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const story = await threads.pageStory({ html: page, options: { url: `${SITE}/long` }, ctx });
      assert.equal(story.body.text.split('\n\n').length, 8_000);
    } finally {
      clearInterval(timer);
    }
    // On the calling thread the interval could not fire once until the parse returned.
    assert.ok(ticks >= 3, `timer fired ${ticks} times during the parse`);
  });
});
