// One test per listing fixture (test/fixtures/listings/<template>/): the article links a
// reader names, in any order, and the next page. Held-out templates are scored as they
// are; their known misses are listed here so that a change that fixes or adds one shows.
import assert from 'node:assert/strict';
import { explainArticleLinks, findArticleLinks } from '../../src/extract/html-links.js';
import { addScores, loadListingCases, precision, recall, scoreLinks } from './listing-cases.js';

/** Held-out misses, kept as found rather than tuned away (see expected.json "about"). */
const KNOWN_MISSES: Record<string, { links?: string[]; next?: string }> = {
  // A two-word release title that is its own slug reads like a section link.
  'press-releases': { links: ['https://www.westhavenport.test/media-centre/press-releases/annual-results'] },
  // "もっと見る" ("see more") is not among the next-page words.
  'japanese-news': { next: 'not found' },
};

describe('listing fixtures: findArticleLinks on unseen templates', () => {
  const cases = loadListingCases();

  it('has the listing kinds the detector must handle, tuning and held-out', () => {
    const names = cases.map((c) => c.name);
    for (const kind of ['article-teasers', 'headline-list', 'card-grid', 'table-layout', 'mixed-front', 'load-more', 'noscript-fallback']) assert.ok(names.includes(kind), kind);
    assert.ok(cases.filter((c) => c.split === 'held-out').length >= 5);
  });

  for (const c of cases) {
    it(`${c.name} (${c.split})`, () => {
      const found = findArticleLinks(c.html, { pageUrl: c.url });
      const score = scoreLinks(c.links, found.links);
      const known = KNOWN_MISSES[c.name];
      assert.deepEqual(score.wrong, [], 'links that are not articles');
      assert.deepEqual(score.missed, known?.links ?? [], 'articles missed');
      if (known?.next) assert.notEqual(found.next, c.next);
      else assert.equal(found.next, c.next);
    });
  }

  it('scores recall and precision >= 0.98 over all templates together', () => {
    const total = addScores(cases.map((c) => scoreLinks(c.links, findArticleLinks(c.html, { pageUrl: c.url }).links)));
    assert.ok(recall(total) >= 0.98, `recall ${recall(total)}`);
    assert.ok(precision(total) >= 0.98, `precision ${precision(total)}`);
  });

  it('gives every linked URL one decision with a reason, and takes exactly what findArticleLinks returns', () => {
    for (const c of cases) {
      const report = explainArticleLinks(c.html, { pageUrl: c.url });
      const urls = report.decisions.map((d) => d.url);
      assert.equal(new Set(urls).size, urls.length, c.name);
      for (const d of report.decisions) assert.ok(d.reason.length > 0, `${c.name} ${d.url}`);
      assert.deepEqual(report.decisions.filter((d) => d.taken).map((d) => d.url), findArticleLinks(c.html, { pageUrl: c.url }).links);
    }
  });
});
