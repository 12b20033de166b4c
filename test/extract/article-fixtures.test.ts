// Article layouts that lost text on real sites, one small page each written for these tests
// (test/fixtures/articles/<case>/: page.html, expected.txt with the body's paragraphs
// separated by blank lines, and optionally expected.json with the published date).
import assert from 'node:assert/strict';
import { extractHtml } from '../../src/extract/html.js';
import { fixtureCases } from '../support/fixture-cases.js';

describe('extractHtml on article layouts (test/fixtures/articles)', () => {
  const cases = fixtureCases('articles', 'page.html');
  it('has a case for every loss kind', () => assert.ok(cases.length >= 7, `${cases.length} cases`));
  for (const c of cases) {
    it(c.name, () => {
      const raw = extractHtml(c.read('page.html'), { url: `https://news.example.com/${c.name}.html` });
      const expected = c.read('expected.txt').trim().split(/\n\s*\n/).map((p) => p.trim());
      assert.deepEqual(raw.paragraphs, expected);
      if (c.has('expected.json')) assert.equal(raw.published, c.json<{ published: string | null }>('expected.json').published);
    });
  }
});
