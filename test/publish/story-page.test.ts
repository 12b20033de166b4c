// Story pages: golden HTML per case (recorded by `npm run golden:update`, never by a test
// run), the JSON-LD a search engine reads, and what the page promises: no scripts, the
// canonical URL, dates said for what they are.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { storyPageCases } from './story-page-fixtures.js';

describe('story pages', () => {
  for (const c of storyPageCases()) {
    describe(c.name, () => {
      const html = c.render();
      const doc = new JSDOM(html).window.document;

      it('matches its golden file', () => {
        assert.ok(existsSync(c.golden), `${c.golden} is missing: record it with \`npm run golden:update\` and review it`);
        assert.equal(html, readFileSync(c.golden, 'utf8'), 'differs from the golden file (if intended: npm run golden:update, then review git diff)');
      });

      it('carries NewsArticle JSON-LD with headline, datePublished, author and image', () => {
        const scripts = [...doc.querySelectorAll('script')];
        assert.deepEqual(scripts.map((s) => s.getAttribute('type')), ['application/ld+json'], 'no script but the data block');
        const ld = JSON.parse(scripts[0]!.textContent ?? '') as Record<string, unknown>;
        const { story } = c.input.stored;
        assert.equal(ld['@type'], 'NewsArticle');
        assert.equal(ld.headline, story.title);
        assert.equal(ld.datePublished, new Date(story.published ?? c.input.stored.firstSeen).toISOString());
        const authors = story.credits.filter((cr) => cr.role === 'author').map((cr) => cr.name);
        if (authors.length) assert.deepEqual((ld.author as { name: string }[]).map((a) => a.name), authors);
        const images = story.images.filter((img) => img.url).map((img) => img.url);
        if (images.length) assert.deepEqual((ld.image as { url: string }[]).map((i) => i.url), images);
        assert.equal(ld['@id'], `tag:feeds.example.org,${c.input.stored.firstSeen.slice(0, 10)}:story/${story.id}`, 'the id the feeds give it');
      });

      it('links its canonical URL, its OpenGraph card and every credit with its role', () => {
        const { story } = c.input.stored;
        const pageUrl = `${c.input.options.baseUrl}/stories/${story.id}`;
        assert.equal(doc.querySelector('link[rel=canonical]')?.getAttribute('href'), story.url ?? pageUrl);
        assert.equal(doc.querySelector('meta[property="og:title"]')?.getAttribute('content'), story.title);
        assert.equal(doc.querySelector('h1')?.textContent, story.title);
        const credits = doc.querySelector('.credits')?.textContent ?? '';
        for (const cr of story.credits) assert.ok(credits.includes(cr.role === 'author' ? cr.name : `${cr.name} (${cr.role})`), credits);
        for (const img of story.images) {
          const captions = [...doc.querySelectorAll('figcaption')].map((f) => f.textContent ?? '');
          if (img.caption) assert.ok(captions.some((t) => t.includes(img.caption!) && (!img.credit || t.includes(img.credit))), 'caption with its credit');
        }
        const dates = doc.querySelector('.dates')?.textContent ?? '';
        assert.match(dates, story.published ? /^Published .* First seen here / : /^No publication date given; first seen here /);
        assert.ok(doc.querySelector('figure')!.compareDocumentPosition(doc.querySelector('article > p')!) & 4, 'pictures before the lead');
      });
    });
  }
});
