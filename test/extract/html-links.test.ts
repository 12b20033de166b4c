import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findArticleLinks } from '../../src/extract/html-links.js';

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
});
