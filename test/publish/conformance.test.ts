// Conformance checks written from the specs (RSS 2.0 at rssboard.org, RFC 4287, JSON
// Feed 1.1, XML 1.0), run over every golden case, so a new case is checked too.
import assert from 'node:assert/strict';
import { renderFeed } from '../../src/publish/render-feed.js';
import { feedCases } from './feed-fixtures.js';
import { all, one, parseXml, textOf } from './xml-dom.js';

// RFC 822 §5 as RSS 2.0 uses it (four-digit years), in UTC.
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
// RFC 3339 §5.6 date-time.
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
// XML 1.0 §2.2: characters that may not (or should not) appear in a document.
const BAD_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IRI = /^(https?:\/\/[^\s]+|tag:[a-z0-9.-]+,\d{4}(-\d\d){0,2}:\S+)$/;

describe('feed conformance (from the specs)', () => {
  for (const c of feedCases()) {
    describe(c.name, () => {
      it('XML formats are well-formed, never contain "]]>" or forbidden characters', () => {
        for (const format of ['rss', 'atom'] as const) {
          const xml = renderFeed(c.model(format), format);
          assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), 'declares UTF-8');
          assert.doesNotThrow(() => parseXml(xml), `${format} is well-formed`);
          assert.ok(!xml.includes(']]>'), `${format}: "]]>" must be escaped`);
          assert.ok(!BAD_XML_CHAR.test(xml), `${format}: no control characters or lone surrogates`);
        }
      });

      it('RSS 2.0: required channel and item elements, RFC 822 dates, honest guids', () => {
        const model = c.model('rss');
        const rss = parseXml(renderFeed(model, 'rss'));
        assert.equal(rss.name, 'rss');
        assert.equal(rss.attrs.version, '2.0');
        const channel = one(rss, 'channel')!;
        for (const required of ['title', 'link', 'description']) assert.ok(textOf(channel, required), `channel ${required}`);
        assert.match(textOf(channel, 'lastBuildDate')!, RFC822);
        assert.ok(all(channel, 'atom:link').some((l) => l.attrs.rel === 'self' && l.attrs.href === model.selfUrl), 'atom:link self');
        assert.equal(Number(textOf(channel, 'ttl')), model.ttlMinutes);
        const items = all(channel, 'item');
        assert.equal(items.length, model.items.length);
        items.forEach((item, i) => {
          const m = model.items[i]!;
          assert.ok(textOf(item, 'title') || textOf(item, 'description'), 'title or description');
          assert.match(textOf(item, 'pubDate')!, RFC822);
          const guid = one(item, 'guid')!;
          assert.equal(guid.attrs.isPermaLink === 'true', /^https?:\/\//.test(guid.text), 'isPermaLink iff the guid is a URL');
          assert.deepEqual(all(item, 'dc:creator').map((n) => n.text), m.authors, 'one dc:creator per author');
          assert.equal(all(item, 'author').length, 0, 'RSS <author> would need an e-mail address');
          const media = all(item, 'media:content');
          assert.equal(media.length, m.images.filter((img) => img.url).length, 'media:content per image with a URL');
          for (const mc of media) assert.ok(mc.attrs.url && mc.attrs.medium === 'image');
        });
      });

      it('Atom 1.0: RFC 4287 required elements, RFC 3339 dates, stable IRI ids', () => {
        const model = c.model('atom');
        const feed = parseXml(renderFeed(model, 'atom'));
        assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom');
        // §4.1.1: exactly one id, title, updated; an author unless every entry has one.
        for (const required of ['id', 'title', 'updated']) assert.equal(all(feed, required).length, 1, required);
        assert.match(textOf(feed, 'id')!, IRI);
        assert.match(textOf(feed, 'updated')!, RFC3339);
        const entries = all(feed, 'entry');
        assert.ok(one(feed, 'author') || entries.every((e) => one(e, 'author')), 'authors');
        assert.ok(all(feed, 'link').some((l) => l.attrs.rel === 'self' && l.attrs.href === model.selfUrl), 'self link');
        const feedUpdated = Date.parse(textOf(feed, 'updated')!);
        entries.forEach((entry, i) => {
          const m = model.items[i]!;
          // §4.1.2: exactly one id, title, updated; alternate link or content.
          for (const required of ['id', 'title', 'updated']) assert.equal(all(entry, required).length, 1, required);
          assert.match(textOf(entry, 'id')!, IRI);
          assert.match(textOf(entry, 'updated')!, RFC3339);
          assert.match(textOf(entry, 'published')!, RFC3339);
          assert.ok(Date.parse(textOf(entry, 'updated')!) >= Date.parse(textOf(entry, 'published')!), 'updated >= published');
          assert.ok(Date.parse(textOf(entry, 'updated')!) <= feedUpdated, 'feed updated is the newest change');
          assert.deepEqual(all(entry, 'author').map((a) => textOf(a, 'name')), m.authors);
          assert.deepEqual(all(entry, 'contributor').map((a) => textOf(a, 'name')), m.contributors.map((x) => x.name));
          const content = one(entry, 'content');
          if (content) assert.equal(content.attrs.type, 'html');
          else assert.ok(all(entry, 'link').some((l) => l.attrs.rel === 'alternate'), '§4.1.2: no content needs an alternate link');
        });
      });

      it('JSON Feed 1.1: version, required item fields, RFC 3339 dates, extension naming', () => {
        const model = c.model('json');
        const doc = JSON.parse(renderFeed(model, 'json')) as Record<string, unknown> & { items: Record<string, unknown>[] };
        assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
        assert.equal(typeof doc.title, 'string');
        assert.ok(Array.isArray(doc.items));
        assert.equal(doc.feed_url, model.selfUrl);
        assert.equal(doc.author, undefined, '1.1 deprecates author for authors');
        doc.items.forEach((item, i) => {
          const m = model.items[i]!;
          assert.equal(typeof item.id, 'string');
          assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string', 'content_html or content_text');
          assert.match(item.date_published as string, RFC3339);
          assert.match(item.date_modified as string, RFC3339);
          for (const key of Object.keys(item)) assert.ok(!key.startsWith('_') || /^_[a-z]/.test(key), `extension key ${key}`);
          const ext = item._wirefeed as Record<string, unknown>;
          assert.equal(ext.date_published_source, m.publishedSource);
          assert.deepEqual(ext.credits, m.credits);
        });
      });
    });
  }

  it('never invents a date: a story without one carries its first-seen time, and says so', () => {
    const c = feedCases().find((x) => x.name === 'news-full')!;
    const undated = c.input.stories.find((s) => s.story.published === null)!;
    const doc = JSON.parse(renderFeed(c.model('json'), 'json')) as { items: { date_published: string; _wirefeed: { date_published_source: string } }[] };
    const item = doc.items.find((i) => i.date_published === undated.firstSeen);
    assert.equal(item?._wirefeed.date_published_source, 'first-seen');
  });
});
