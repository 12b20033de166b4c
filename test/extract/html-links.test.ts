import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { explainArticleLinks, findArticleLinks } from '../../src/extract/html-links.js';

const INDEX = readFileSync(new URL('../fixtures/site/index.html', import.meta.url), 'utf8');
const SITE = 'http://gazette.test';

describe('findArticleLinks', () => {
  it('detects same-site article links and skips navigation, tags, authors, sections, legal pages and other sites', () => {
    const { links, next } = findArticleLinks(INDEX, { pageUrl: `${SITE}/index.html`, next: 'a.next' });
    assert.deepEqual(links, [
      `${SITE}/2026/03/04/harbour-bridge-reopens-early.html`,
      `${SITE}/2026/03/04/council-delays-transit-vote.html`,
      `${SITE}/legacy/seoul-subway-line-extension.html`,
      `${SITE}/2026/03/05/storm-warning-for-coastal-towns.html`,
      `${SITE}/private/2026/03/05/embargoed-budget-leak.html`,
    ]);
    assert.equal(next, `${SITE}/index-2.html`);
  });

  it('takes exactly what a links selector matches', () => {
    const { links, next } = findArticleLinks(INDEX, { pageUrl: `${SITE}/index.html`, links: 'footer a' });
    assert.equal(links.length, 4);
    assert.ok(links.includes('https://elsewhere.example.org/2026/03/04/some-other-site-story.html'));
    assert.equal(next, null);
  });

  describe('from the page structure', () => {
    const page = (body: string) => `<html><body><header><a href="/">Home</a><nav><a href="/news/">News</a></nav></header><main>${body}</main></body></html>`;
    const teaser = (slug: string, title: string) =>
      `<article><header><h2><a href="/news/${slug}">${title}</a></h2></header><p><a href="/news/${slug.split('-')[0]}">Kicker</a> by <a href="/author/x">X</a></p></article>`;

    it('takes short-slug articles each in its own teaser block under a headline, not their kicker, author or nav links', () => {
      const html = page(teaser('mill-fire', 'Old mill fire') + teaser('bypass-delay', 'Bypass late') + teaser('flood-wall', 'Flood wall approved'));
      const { links } = findArticleLinks(html, { pageUrl: `${SITE}/news/` });
      assert.deepEqual(links, [`${SITE}/news/mill-fire`, `${SITE}/news/bypass-delay`, `${SITE}/news/flood-wall`]);
      const reasons = new Map(explainArticleLinks(html, { pageUrl: `${SITE}/news/` }).decisions.map((d) => [d.url, d.reason]));
      assert.equal(reasons.get(`${SITE}/news/mill-fire`), 'headline in a teaser block');
      assert.equal(reasons.get(`${SITE}/author/x`), 'not an article path (/author)');
      assert.equal(reasons.get(`${SITE}/`), 'in page chrome (<header>)');
    });

    it('skips a short heading link over a block of other headlines (a section front with the articles’ URL shape)', () => {
      const block = (section: string, slugs: string[]) =>
        `<section class="box"><h2><a href="/news/${section}">${section}</a></h2><ul>${slugs.map((s) => `<li><h3><a href="/news/${s}">Story about ${s} today</a></h3></li>`).join('')}</ul></section>`;
      const html = page(block('world', ['a1', 'a2']) + block('science', ['b1', 'b2']));
      const report = explainArticleLinks(html, { pageUrl: `${SITE}/` });
      assert.deepEqual(report.decisions.filter((d) => d.taken).map((d) => d.url), ['a1', 'a2', 'b1', 'b2'].map((s) => `${SITE}/news/${s}`));
      assert.equal(report.decisions.find((d) => d.url === `${SITE}/news/world`)?.reason, 'heads a block of other headlines (a section link)');
    });

    it('finds the next page by rel="next" or a next/older link unless links are configured by hand', () => {
      const html = page(`${teaser('mill-fire', 'Old mill fire')}<p><a class="older" href="/news/?page=2">Older stories</a></p>`);
      assert.equal(findArticleLinks(html, { pageUrl: `${SITE}/news/` }).next, `${SITE}/news/?page=2`);
      assert.equal(findArticleLinks(`<link rel="next" href="/p/2">${html}`, { pageUrl: `${SITE}/news/` }).next, `${SITE}/p/2`);
      assert.equal(findArticleLinks(html, { pageUrl: `${SITE}/news/`, links: 'h2 a' }).next, null);
      assert.equal(findArticleLinks(html, { pageUrl: `${SITE}/news/`, links: 'h2 a', next: 'a.older' }).next, `${SITE}/news/?page=2`);
    });
  });
});

