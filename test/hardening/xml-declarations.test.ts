// DOCTYPE and entity declarations are removed until none is left, or the document is
// refused (issue 15, finding 4): one regex pass turned `<!DOC<!DOCTYPE z>TYPE rss [...]>`
// into a whole DOCTYPE.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.js';
import { parseFeedItems } from '../../src/extract/feed-items.js';
import { extractNitf } from '../../src/extract/nitf.js';
import { parseSitemap } from '../../src/extract/sitemap.js';
import { repairXml, sanitizeXml } from '../../src/extract/xml-repair.js';
import { SEED } from '../property/arbitraries.js';

const DECLARED = /<!(?:DOCTYPE|ENTITY)/i;
const SUBSET = '[<!ENTITY x "EXPANDED"><!ENTITY y SYSTEM "file:///etc/passwd">]';
const ITEMS = '<channel><title>T</title><item><title>A &x;</title><link>https://x.example.com/a</link></item></channel></rss>';

/** Output of `clean`, or null when it refused with PARSE_FAILED; any other failure is a bug. */
function cleaned(clean: (xml: string) => string, xml: string): string | null {
  try {
    return clean(xml);
  } catch (err) {
    assert.ok(err instanceof AppError && err.code === 'PARSE_FAILED', String(err));
    return null;
  }
}

describe('hardening: XML markup declarations', () => {
  const nested = [
    `<!DOC<!DOCTYPE z>TYPE rss ${SUBSET}><rss version="2.0">${ITEMS}`,
    `<!DOC<!ENTITY q "<!DOCTYPE">TYPE rss ${SUBSET}><rss version="2.0">${ITEMS}`,
    `<!DOC\u0000TYPE rss ${SUBSET}><rss version="2.0">${ITEMS}`,
    `<!ENT<!DOCTYPE z>ITY x "EXPANDED"><rss version="2.0">${ITEMS}`,
  ];
  for (const [i, xml] of nested.entries()) {
    it(`a DOCTYPE rebuilt from the pieces of another is removed too (${i + 1})`, () => {
      const out = sanitizeXml(xml);
      assert.doesNotMatch(out, DECLARED);
      const feed = parseFeedItems(xml, { url: 'https://x.example.com/feed' });
      assert.equal(feed.items.length, 1);
      assert.doesNotMatch(JSON.stringify(feed), /EXPANDED|root:x/);
    });
  }

  it('a DOCTYPE nested deeper than the passes allow is refused with a clear error', () => {
    let xml = '<!DOCTYPE a>';
    for (let i = 0; i < 8; i++) xml = `<!DOC${xml}TYPE a>`;
    assert.throws(() => sanitizeXml(`${xml}<rss/>`), (err: unknown) => err instanceof AppError && err.code === 'PARSE_FAILED' && /DOCTYPE/.test(err.message));
  });

  it('an unterminated declaration is refused, not passed on', () => {
    for (const xml of [`<!DOCTYPE rss [<!ENTITY x "a">`, `<!DOCTYPE rss SYSTEM "x.dtd><rss/>`, '<!ENTITY x "y <rss/>'])
      assert.throws(() => sanitizeXml(xml), (err: unknown) => err instanceof AppError && err.code === 'PARSE_FAILED', xml);
  });

  it('a `>` inside a literal, comment or processing instruction does not end the DOCTYPE', () => {
    const xml = `<!DOCTYPE rss [<!ENTITY a ">"><!-- > ' --><?pi > ?><!ENTITY b '>]>'>]><rss version="2.0">${ITEMS}`;
    assert.equal(sanitizeXml(xml), `<rss version="2.0">${ITEMS}`);
  });

  it('sitemaps and NITF are cleaned the same way', () => {
    const sitemap = parseSitemap(`<!DOC<!DOCTYPE z>TYPE urlset ${SUBSET}><urlset><url><loc>https://x.example.com/s</loc></url></urlset>`, { url: 'https://x.example.com/sitemap.xml' });
    assert.equal(sitemap.urls.length, 1);
    const nitf = extractNitf(`<!DOC<!DOCTYPE z>TYPE nitf ${SUBSET}><nitf><body><body.head><hedline><hl1>Harbour &x;</hl1></hedline></body.head></body></nitf>`);
    assert.doesNotMatch(JSON.stringify(nitf), /EXPANDED/);
    assert.match(JSON.stringify(nitf), /Harbour/);
  });

  it('property: no output of sanitizeXml or repairXml declares a DOCTYPE or entity, whatever the input', () => {
    const piece = fc.constantFrom('<!DOCTYPE', '<!doctype', '<!ENTITY', '<!DoCtYpE', '<!DOC', 'TYPE', '<!ENT', 'ITY', '<!', 'DOC', '<', '!', '[', ']', '>', '"', "'", '<!--', '-->', '<?', '?>', ' ', 'rss', '<rss>', '</rss>', '\u0000', '\u0007', '\uFEFF', '&x;', ' x ', ']]>', '<![CDATA[');
    const doc = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(doc, (xml) => {
        for (const clean of [sanitizeXml, repairXml]) {
          const out = cleaned(clean, xml);
          if (out !== null) assert.doesNotMatch(out, DECLARED, JSON.stringify(xml));
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('stays linear: a megabyte of unterminated declarations is refused quickly', () => {
    const start = process.hrtime.bigint();
    assert.throws(() => sanitizeXml(`${'<!DOCTYPE ['.repeat(100_000)}<rss/>`));
    assert.throws(() => sanitizeXml(`${'<!ENTITY "'.repeat(100_001)}<rss/>`));
    // A generous hang guard, not a benchmark: a quadratic scan takes minutes here.
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 10_000);
  });
});
