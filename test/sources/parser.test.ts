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
import type { PushBody, PushBodyKind } from '../../src/normalize/push-body.js';
import { MAX_PUSHED_STORIES, storiesFromPush } from '../../src/normalize/push-body.js';
import type { StoryContext } from '../../src/normalize/story-context.js';
import { inlineParser, threadParser, type Parser } from '../../src/sources/parser.js';
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
      const story = await both((p) => p.story({ input: { kind: 'page', html: fixture(`site/${rel}`), url: `${SITE}/${rel}` }, ctx: { sourceId: 'site', key: `${SITE}/${rel}` } }));
      assert.ok(story.title && story.body.text, rel);
    }
    const listed = { raw: { title: 'Listed title', categories: ['Weather'] }, url: `${SITE}/listed` };
    const merged = await both((p) => p.story({ input: { kind: 'page', html: fixture(`site/${ARTICLES[0]}`), url: `${SITE}/x`, listed }, ctx: { sourceId: 'site', key: listed.url } }));
    assert.equal(merged.url, listed.url, "the listing's link is the story's URL");
    const normalized = await both((p) => p.stories([{ input: { kind: 'raw', raw: { title: 'T', paragraphs: ['Body.'] } }, ctx: { sourceId: 's', key: 'a' } }, { input: { kind: 'raw', raw: { title: '' } }, ctx: { sourceId: 's' } }]));
    assert.equal('value' in normalized[0]! && normalized[0].value.title, 'T');
    assert.ok('error' in normalized[1]! && normalized[1].error.code === 'EXTRACT_EMPTY', 'an item that fails is an error in its place');
    const listing = await both((p) => p.links({ html: fixture('site/index.html'), options: { pageUrl: `${SITE}/` } }));
    assert.ok(listing.links.length >= 3);
    for (const c of fixtureCases('feeds-in')) {
      const text = c.read(c.first(['feed.xml', 'feed.json'])!);
      await both((p) => p.feed({ text, options: { url: `${SITE}/${c.name}` } }).catch((err: AppError) => err.code));
    }
    const sitemap = await both((p) => p.sitemap({ xml: fixture('sitemaps/google-news/sitemap.xml'), options: { url: `${SITE}/sitemap.xml` } }));
    assert.equal(sitemap.kind, 'urlset');
  });

  it('reads every story file of the corpus on threads as parseStoryFile does, from its bytes', async () => {
    const cases = listCases();
    assert.ok(cases.length >= 50 && ['.txt', '.xml', '.json'].every((ext) => cases.some((c) => c.input.endsWith(ext))));
    for (const c of cases) {
      const bytes = readFileSync(path.join(c.dir, c.input));
      const story = await both((p) => p.story({ input: { kind: 'file', content: bytes, filename: c.input }, ctx: caseOptions(c) }));
      assert.deepEqual(story, parseStoryFile(bytes.toString('utf8'), c.input, caseOptions(c)), c.name);
    }
    const page = readFileSync(new URL(`../fixtures/site/${ARTICLES[0]}`, import.meta.url));
    const saved = await both((p) => p.story({ input: { kind: 'file', content: page, filename: 'storm.html' }, ctx: { sourceId: 'inbox' } }));
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
      const ctx: StoryContext = { sourceId: 'desk', rules: { dropParagraphs: [], timezone: 'Europe/London' }, language: 'en' };
      const stories = await both((p) => p.push({ push: { body, kind, slug }, ctx }));
      assert.deepEqual(stories, storiesFromPush({ body, kind, slug }, ctx), `${kind}: ${body.slice(0, 40)}`);
    }
  });

  it('keeps the code, message and field problems of push and story-file errors across the thread boundary', async () => {
    const ctx: StoryContext = { sourceId: 'desk', rules: { dropParagraphs: [] } };
    const story = { title: 'T', body: { text: 'B.' } };
    const pushes: PushBody[] = [
      { body: JSON.stringify([story, { title: '', body: {} }, { ...story, published: 'someday' }]), kind: 'json' },
      { body: JSON.stringify(Array(MAX_PUSHED_STORIES + 1).fill(story)), kind: 'json' },
      { body: '{"title": "half', kind: 'ndjson' },
      { body: '   \n', kind: 'text' },
    ];
    const files = [
      { content: Buffer.from('<html><body>x</body></html>'), filename: 'page.xml' },
      { content: Buffer.from('{"title": "half'), filename: 'b.json' },
    ];
    const inbox: StoryContext = { sourceId: 'inbox' };
    const cases: [string, (p: Parser) => Promise<unknown>, () => unknown][] = [
      ...pushes.map((t): [string, (p: Parser) => Promise<unknown>, () => unknown] => [t.body.slice(0, 30), (p) => p.push({ push: t, ctx }), () => storiesFromPush(t, ctx)]),
      ...files.map((t): [string, (p: Parser) => Promise<unknown>, () => unknown] => [t.filename, (p) => p.story({ input: { kind: 'file', ...t }, ctx: inbox }), () => parseStoryFile(t.content.toString('utf8'), t.filename, inbox)]),
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
    await assert.rejects(threads.feed({ text: 'this is not a feed', options: { url: `${SITE}/f` } }), (err: unknown) => err instanceof AppError && err.code === 'PARSE_FAILED' && /not a feed/.test(err.message));
  });

  it('leaves the event loop turning while a 1 MB page is extracted and normalized', async () => {
    const para = '<p>The harbour authority said the works on the northern pier continued through the week, with two new cranes.</p>';
    const page = `<html><head><title>Long read</title></head><body><article>${para.repeat(8_000)}</article></body></html>`;
    const ctx = { sourceId: 'site', key: `${SITE}/long` };
    await threads.story({ input: { kind: 'page', html: '<html><head><title>warm</title></head><body><p>up</p></body></html>' }, ctx }); // thread started
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const story = await threads.story({ input: { kind: 'page', html: page, url: `${SITE}/long` }, ctx });
      assert.equal(story.body.text.split('\n\n').length, 8_000);
    } finally {
      clearInterval(timer);
    }
    // On the calling thread the interval could not fire once until the parse returned.
    assert.ok(ticks >= 3, `timer fired ${ticks} times during the parse`);
  });
});
