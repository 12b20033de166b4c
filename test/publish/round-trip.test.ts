// Round trip: each format read back by real client libraries (feedsmith for all three,
// rss-parser for RSS and Atom) gives back every item's title, link, dates, authors and
// content: including HTML in titles, "]]>", astral and right-to-left text.
import assert from 'node:assert/strict';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { renderFeed } from '../../src/publish/render-feed.js';
import { xmlClean } from '../../src/publish/xml-writer.js';
import { feedCases } from './feed-fixtures.js';

/** feedsmith returns Atom text constructs as { type, value }. */
const txt = (v: unknown) => (typeof v === 'object' && v !== null && 'value' in v ? (v as { value: string }).value : v);
const time = (s: string | undefined) => (s ? new Date(s).getTime() : NaN);

describe('round trip through real feed parsers', () => {
  for (const c of feedCases().filter((x) => x.input.stories.length > 0)) {
    describe(c.name, () => {
      it('RSS 2.0 via feedsmith and rss-parser', async () => {
        const model = c.model('rss');
        const xml = renderFeed(model, 'rss');
        const fs = parseRssFeed(xml);
        const rp = await new Parser().parseString(xml);
        assert.equal(fs.title, model.title);
        model.items.forEach((m, i) => {
          const a = fs.items?.[i];
          assert.equal(a?.title, m.title);
          assert.equal(a?.link, m.link);
          assert.equal(time(a?.pubDate), m.published.getTime());
          assert.deepEqual(a?.dc?.creators ?? [], m.authors);
          assert.equal(a?.content?.encoded, m.contentHtml === null ? undefined : xmlClean(m.contentHtml));
          // RSS description is HTML: the plain summary comes back HTML-escaped (& < >).
          assert.equal(a?.description, xmlClean(m.summary).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
          const b = rp.items[i];
          assert.equal(b?.title, m.title);
          assert.equal(b?.link, m.link);
          assert.equal(time(b?.isoDate), m.published.getTime());
        });
      });

      it('Atom 1.0 via feedsmith and rss-parser', async () => {
        const model = c.model('atom');
        const xml = renderFeed(model, 'atom');
        const fs = parseAtomFeed(xml);
        const rp = await new Parser().parseString(xml);
        assert.equal(txt(fs.title), xmlClean(model.title));
        model.items.forEach((m, i) => {
          const e = fs.entries?.[i];
          assert.equal(e?.id, m.id);
          assert.equal(txt(e?.title), m.title);
          assert.equal(e?.links?.find((l) => l.rel === 'alternate')?.href, m.link);
          assert.equal(time(e?.published), m.published.getTime());
          assert.equal(time(e?.updated), m.updated.getTime());
          assert.deepEqual(e?.authors?.map((a) => a.name) ?? [], m.authors);
          assert.equal(txt(e?.content), m.contentHtml === null ? undefined : xmlClean(m.contentHtml));
          const b = rp.items[i];
          assert.equal(b?.title, m.title);
          assert.equal(b?.link, m.link);
        });
      });

      it('JSON Feed 1.1 via feedsmith', () => {
        const model = c.model('json');
        const feed = parseJsonFeed(JSON.parse(renderFeed(model, 'json')));
        model.items.forEach((m, i) => {
          const item = feed.items?.[i];
          assert.equal(item?.title, m.title);
          assert.equal(item?.url, m.link);
          assert.equal(time(item?.date_published), m.published.getTime());
          assert.equal(time(item?.date_modified), m.updated.getTime());
          assert.deepEqual(item?.authors?.map((a) => a.name) ?? [], m.authors);
          assert.equal(item?.content_html, m.contentHtml === null ? undefined : xmlClean(m.contentHtml));
        });
      });
    });
  }

  it('keeps astral and right-to-left text intact', () => {
    const c = feedCases().find((x) => x.name === 'hostile-text')!;
    for (const format of ['rss', 'atom', 'json'] as const) {
      const out = renderFeed(c.model(format), format);
      for (const s of ['😀', '𝒳', '🌍', 'القاهرة', 'שרה כהן']) assert.ok(out.includes(s), `${format} keeps ${s}`);
    }
  });
});
