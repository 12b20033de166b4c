import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractStory } from '../../src/normalize/extract-story.js';
import { extractHtml } from '../../src/extract/html.js';
import { decodeBody } from '../../src/fetch/decode-body.js';
import type { Story } from '../../src/story.js';

const SITE = 'http://gazette.test';
function page(rel: string): string {
  return decodeBody(readFileSync(new URL(`../fixtures/site/${rel}`, import.meta.url)), 'text/html').text;
}
const BRIDGE = '2026/03/04/harbour-bridge-reopens-early.html';

describe('extractStory (HTML)', () => {
  describe('a JSON-LD rich page', () => {
    // Extracted in a hook, not while mocha collects tests: a throw fails these tests, not the whole load.
    let story: Story;
    before(() => {
      story = extractStory(page(BRIDGE), { url: `${SITE}/${BRIDGE}`, sourceId: 'gazette' });
    });

    it('takes metadata from JSON-LD @graph, with authors by reference', () => {
      assert.equal(story.title, 'Harbour bridge reopens two weeks early');
      assert.equal(story.byline, 'Jane Smith, Tom Okafor');
      assert.equal(story.published, '2026-03-03T18:30:00.000Z');
      assert.equal(story.updated, '2026-03-03T20:10:00.000Z');
      assert.deepEqual(story.categories, ['Transport']);
      assert.equal(story.language, 'en-NZ');
    });

    it('resolves the canonical URL', () => {
      assert.equal(story.url, `${SITE}/${BRIDGE}`);
      assert.equal(story.sourceId, 'gazette');
    });

    it('keeps the story paragraphs in order and drops boilerplate', () => {
      const paragraphs = story.body.text.split('\n\n');
      assert.equal(paragraphs.length, 5);
      assert.match(paragraphs[0]!, /^The harbour bridge reopened/);
      assert.match(paragraphs[4]!, /^Tolls will resume/);
      for (const junk of ['Share', 'newsletter', 'Advertisement', 'Related', 'Most read', 'Great news for the city', 'Traffic crosses', 'By Jane Smith', 'All rights reserved']) {
        assert.ok(!story.body.text.includes(junk), `body has no "${junk}"`);
      }
    });

    it('turns figures into images with caption and credit, absolute URLs', () => {
      assert.deepEqual(story.images.find((i) => i.caption), {
        url: `${SITE}/images/bridge.jpg`,
        caption: 'Traffic crosses the harbour bridge on its first morning back.',
        credit: 'Photo: Ana Lima/Gazette',
      });
      assert.equal(story.images[0]?.url, `${SITE}/images/bridge-wide.jpg`, 'og:image leads');
    });

    it('hands the normalizer the article markup with absolute links; the story\'s body.html is sanitized', () => {
      const html = extractHtml(page(BRIDGE), { url: `${SITE}/${BRIDGE}` }).html ?? '';
      assert.match(html, /<a [^>]*href="http:\/\/gazette\.test\/2026\/02\/10\/bridge-cycleway-plans\.html"[^>]*>cycleway<\/a>/);
      assert.match(story.body.html, /<a href="http:\/\/gazette\.test\/2026\/02\/10\/bridge-cycleway-plans\.html">cycleway<\/a>/);
      assert.ok(html.includes('<p>The harbour bridge reopened'), html.slice(0, 80));
      // The sanitizer runs last, in the normalizer: the promise is on the story's body.html.
      for (const bad of ['<script', '<style', '<iframe', 'onclick', 'javascript:', '<form', '<input']) assert.ok(!story.body.html.includes(bad), `no ${bad}`);
    });
  });

  describe('a page with meta tags only', () => {
    const rel = '2026/03/04/council-delays-transit-vote.html';
    let story: Story;
    before(() => {
      story = extractStory(page(rel), { url: `${SITE}/${rel}` });
    });

    it('reads OpenGraph, article:published_time and author', () => {
      assert.equal(story.title, 'Council delays vote on transit plan');
      assert.equal(story.byline, 'Priya Raman');
      assert.equal(story.published, '2026-03-04T02:15:00.000Z');
      assert.deepEqual(story.categories, ['Politics']);
      assert.equal(story.url, 'http://gazette.example/2026/03/04/council-delays-transit-vote.html', 'og:url is the canonical URL');
    });

    it('finds the body without rules and leaves the sidebar out', () => {
      assert.match(story.body.text, /^The city council postponed/, 'the dateline leaves the lead');
      assert.equal(story.dateline?.text, 'WELLINGTON, March 4 (Reuters)');
      assert.equal(story.dateline?.place, 'Wellington');
      assert.equal(story.dateline?.agency, 'Reuters');
      assert.match(story.body.text, /afford to wait any longer\.$/);
      assert.ok(!story.body.text.includes('Trending'));
      assert.ok(!story.body.text.includes('4 March 2026'), 'byline box left out');
    });
  });

  it('reads a legacy EUC-KR table layout: title, visible byline, body without navigation', () => {
    const story = extractStory(page('legacy/seoul-subway-line-extension.html'), { url: `${SITE}/legacy/seoul.html` });
    assert.equal(story.title, '서울 지하철 연장 구간 개통');
    assert.equal(story.byline, '김민준 기자');
    assert.match(story.body.text, /서울 지하철 9호선 연장 구간이 4일 오전 개통해/);
    assert.match(story.body.text, /요금은 기존과 같다\.$/);
    assert.ok(!story.body.text.includes('오늘의 주요 뉴스'), 'left navigation column left out');
    assert.equal(story.body.text.split('\n\n').filter((p) => p.includes('다.')).length, 3, 'double <br> splits paragraphs');
  });

  it('finds a short story among lists of related links, with microdata', () => {
    const rel = '2026/03/05/storm-warning-for-coastal-towns.html';
    const story = extractStory(page(rel), { url: `${SITE}/${rel}` });
    assert.equal(story.title, 'Storm warning issued for coastal towns');
    assert.equal(story.byline, 'Sam Whitford');
    assert.equal(story.published, '2026-03-05T05:00:00.000Z');
    assert.match(story.body.text, /^Forecasters issued a severe weather warning/);
    assert.match(story.body.text, /cancel late sailings\.$/, 'the "Related:" promo is dropped');
    for (const link of ['Rates rise again', 'Ten places to eat', 'oldest pubs']) assert.ok(!story.body.text.includes(link), link);
  });

  it('lets per-source rules override every field', () => {
    const story = extractStory(page(BRIDGE), {
      url: `${SITE}/${BRIDGE}`,
      rules: {
        title: '.share-bar a',
        body: '.article-body',
        byline: 'figcaption .credit',
        date: 'meta[property="og:title"]@content',
        remove: ['.article-body p:first-child'],
      },
    });
    assert.equal(story.title, 'Share');
    assert.equal(story.byline, 'Photo: Ana Lima/Gazette');
    assert.equal(story.published, null, 'an unreadable date stays null, never invented');
    assert.match(story.body.text, /^Engineers replaced/);
  });

  it('rejects an invalid rule selector with a clear error', () => {
    assert.throws(() => extractStory(page(BRIDGE), { rules: { body: 'div[' } }), /not a valid CSS selector/);
  });

  it('fails with EXTRACT_EMPTY on a page with no story', () => {
    assert.throws(() => extractStory('<html><head><title>Empty page here</title></head><body></body></html>'), { code: 'EXTRACT_EMPTY' });
  });

  it('resolves relative links and drops javascript: URLs in the body', () => {
    const html = `<html><head><title>Links in a story about links</title></head><body><article>
      <p>One paragraph long enough to be a story, with a <a href="../other/page.html">relative link</a> in it, and more words after.</p>
      <p>Another paragraph that is also long enough to count, with a <a href="javascript:alert(1)">bad link</a> in it too.</p>
      <p>A third paragraph, because stories have several, with <img src="/pic.jpg" onerror="alert(1)"> an image inline.</p>
    </article></body></html>`;
    const body = extractHtml(html, { url: 'https://news.example.com/a/b/story.html' }).html ?? '';
    assert.match(body, /href="https:\/\/news\.example\.com\/a\/other\/page\.html"/);
    assert.match(body, /<img src="https:\/\/news\.example\.com\/pic\.jpg"/);
    assert.ok(!body.includes('javascript:'));
    assert.ok(!body.includes('onerror'));
  });

  describe('metadata fallbacks', () => {
    const body = '<p>' + 'A paragraph of story text that is long enough to count as the body of a story. '.repeat(4) + '</p>';
    const story = (head: string, top = '') =>
      extractStory(`<html><head><title>Fallback title for this story | Site</title>${head}</head><body><article>${top}${body}${body}</article></body></html>`);

    it('reads dc.* and byl meta tags', () => {
      const s = story('<meta name="DC.title" content="Dublin Core headline"><meta name="byl" content="By Ann Lee"><meta name="dc.date.issued" content="2026-03-01T10:00:00Z">');
      assert.equal(s.title, 'Dublin Core headline');
      assert.equal(s.byline, 'By Ann Lee');
      assert.equal(s.published, '2026-03-01T10:00:00.000Z');
    });

    it('falls back to <time datetime>, a visible byline and the <title> without the site name', () => {
      const s = story('', '<p class="byline">By Omar Haddad</p><time datetime="2026-02-27T08:00:00+01:00">27 Feb</time>');
      assert.equal(s.title, 'Fallback title for this story');
      assert.equal(s.byline, 'By Omar Haddad');
      assert.equal(s.published, '2026-02-27T07:00:00.000Z');
      assert.ok(!s.body.text.includes('Omar Haddad'), 'the byline is not body text');
    });

    it('takes JSON-LD from a top-level array and ignores a broken block', () => {
      const ld = '<script type="application/ld+json">{ broken</script><script type="application/ld+json">[{"@type":"Organization","name":"Site"},{"@type":["NewsArticle"],"headline":"Array headline","author":"Kim Ito","datePublished":"2026-01-05"}]</script>';
      const s = story(ld);
      assert.equal(s.title, 'Array headline');
      assert.equal(s.byline, 'Kim Ito');
      assert.equal(s.published, '2026-01-05T00:00:00.000Z');
    });
  });
});

