// The thread parser is the production path of every scheduled source: it must give what
// the extractors give on the calling thread, keep error codes across the thread boundary,
// and leave the event loop free while a large page is parsed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { inlineParser, threadParser, type Parser } from '../../src/sources/parser.js';

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

  it('gives on worker threads exactly what the extractors give on the calling thread', async () => {
    const both = async <T>(f: (p: Parser) => Promise<T>) => {
      const [a, b] = await Promise.all([f(threads), f(inline)]);
      assert.deepEqual(a, b);
      return a;
    };
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
    for (const name of readdirSync(new URL('../fixtures/feeds-in', import.meta.url))) {
      const text = fixture(`feeds-in/${name}/${name.startsWith('json') ? 'feed.json' : 'feed.xml'}`);
      await both((p) => p.feed(text, { url: `${SITE}/${name}` }).catch((err: AppError) => err.code));
    }
    const sitemap = await both((p) => p.sitemap(fixture('sitemaps/google-news/sitemap.xml'), { url: `${SITE}/sitemap.xml` }));
    assert.equal(sitemap.kind, 'urlset');
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
