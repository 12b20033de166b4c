import assert from 'node:assert/strict';
import { parseSitemap, recentEntries, type SitemapEntry } from '../../src/extract/sitemap.js';
import { fixtureCases } from '../support/fixture-cases.js';

// Each folder under fixtures/sitemaps is one case: sitemap.xml and the full expected.json.
const SITEMAP_URL = 'https://news.example.com/sitemap.xml';

describe('parseSitemap (fixtures/sitemaps)', () => {
  for (const c of fixtureCases('sitemaps')) {
    it(c.name, () => {
      assert.deepEqual(parseSitemap(c.read('sitemap.xml'), { url: SITEMAP_URL }), c.json('expected.json'));
    });
  }
});

describe('recentEntries', () => {
  const entry = (url: string, lastmod: string | null, published: string | null = null): SitemapEntry => ({
    url,
    lastmod,
    news: published ? { title: null, published, keywords: [], language: null, publication: null } : null,
  });
  const now = new Date('2026-03-05T12:00:00Z');

  it('keeps entries within maxAgeHours (news date over lastmod), newest first, undated last', () => {
    const got = recentEntries(
      [
        entry('https://x/old', '2026-03-01T00:00:00.000Z'),
        entry('https://x/undated', null),
        entry('https://x/news-old-lastmod-new', '2026-03-05T11:00:00.000Z', '2026-03-02T00:00:00.000Z'),
        entry('https://x/a', '2026-03-05T06:00:00.000Z'),
        entry('https://x/b', null, '2026-03-05T10:00:00.000Z'),
      ],
      now,
      48,
    );
    assert.deepEqual(got.map((e) => e.url), ['https://x/b', 'https://x/a', 'https://x/undated']);
  });

  it('keeps everything without maxAgeHours', () => {
    assert.equal(recentEntries([entry('https://x/old', '2001-01-01T00:00:00.000Z')], now).length, 1);
  });
});
