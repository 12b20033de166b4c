// XML from strangers (feeds, sitemaps, NITF): no external entity is ever resolved (no file
// read, no request to a DTD's URL) and no entity expansion bomb inflates the output.
import assert from 'node:assert/strict';
import request from 'supertest';
import { parseFeedItems } from '../../src/extract/feed-items.js';
import { parseSitemap } from '../../src/extract/sitemap.js';
import { parseStoryFile } from '../../src/normalize/parse-story-file.js';
import { startServer, type LocalServer } from '../support/local-server.js';
import { testApp } from '../support/test-app.js';

/** A DOCTYPE with every trick at once; `&xxe;`, `&remote;`, `&bomb;` and `&quad;` are used in the body. */
function hostileDoctype(root: string, dtdUrl: string): string {
  const tenOf = (ref: string) => `&${ref};`.repeat(10);
  const levels = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${tenOf(`l${i}`)}">`)];
  return `<?xml version="1.0"?>
<!DOCTYPE ${root} SYSTEM "${dtdUrl}/root.dtd" [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "${dtdUrl}/entity.txt">
  <!ENTITY % param SYSTEM "${dtdUrl}/param.dtd">
  %param;
  ${levels.join('\n  ')}
  <!ENTITY bomb "&l9;">
  <!ENTITY big "${'x'.repeat(50_000)}">
  <!ENTITY quad "${'&big;'.repeat(2_000)}">
]>`;
}

const use = '&xxe; &remote; &bomb; &quad;';

function documents(dtd: string): Record<string, { kind: 'feed' | 'sitemap' | 'nitf'; xml: string; expect: string }> {
  return {
    rss: { kind: 'feed', expect: 'x.example.com/1', xml: `${hostileDoctype('rss', dtd)}<rss version="2.0"><channel><title>T ${use}</title><item><title>Item ${use}</title><link>https://x.example.com/1</link><description>D ${use}</description></item></channel></rss>` },
    atom: { kind: 'feed', expect: 'x.example.com/e', xml: `${hostileDoctype('feed', dtd)}<feed xmlns="http://www.w3.org/2005/Atom"><title>T ${use}</title><id>urn:x</id><updated>2026-03-04T00:00:00Z</updated><entry><title>E ${use}</title><id>urn:e</id><link href="https://x.example.com/e"/><updated>2026-03-04T00:00:00Z</updated><content type="html">C ${use}</content></entry></feed>` },
    rdf: { kind: 'feed', expect: 'x.example.com/r', xml: `${hostileDoctype('rdf:RDF', dtd)}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://x.example.com/"><title>T ${use}</title><link>https://x.example.com/</link></channel><item rdf:about="https://x.example.com/r"><title>R ${use}</title><link>https://x.example.com/r</link></item></rdf:RDF>` },
    sitemap: { kind: 'sitemap', expect: 'x.example.com/s', xml: `${hostileDoctype('urlset', dtd)}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example.com/s</loc><news:news><news:title>S ${use}</news:title></news:news></url></urlset>` },
    nitf: { kind: 'nitf', expect: 'Harbour', xml: `${hostileDoctype('nitf', dtd)}<nitf><head><title>N ${use}</title></head><body><body.head><hedline><hl1>Harbour ${use}</hl1></hedline></body.head><body.content><p>The harbour reopened ${use}.</p></body.content></body></nitf>` },
  };
}

function parse(kind: 'feed' | 'sitemap' | 'nitf', xml: string): unknown {
  if (kind === 'feed') return parseFeedItems(xml, { url: 'https://x.example.com/feed' });
  if (kind === 'sitemap') return parseSitemap(xml, { url: 'https://x.example.com/sitemap.xml' });
  try {
    return parseStoryFile(xml, 'hostile.xml', { sourceId: 'nitf' });
  } catch (err) {
    return { refused: String(err) };
  }
}

describe('hardening: hostile XML (external entities, expansion bombs)', () => {
  let dtdServer: LocalServer;
  before(async () => {
    dtdServer = await startServer({ '*': (_req, res) => void res.writeHead(200, { 'content-type': 'application/xml-dtd' }).end('<!ENTITY leaked "LEAKED-FROM-DTD">') });
  });
  after(async () => dtdServer?.close());

  for (const [name, doc] of Object.entries(documents('http://127.0.0.1:1'))) {
    it(`${name}: no file read, no DTD fetched, no expansion (output stays the size of the input)`, async () => {
      const xml = doc.xml.replaceAll('http://127.0.0.1:1', dtdServer.origin);
      const out = JSON.stringify(parse(doc.kind, xml));
      assert.ok(out.includes(doc.expect), `parsed nothing: ${out.slice(0, 300)}`);
      assert.doesNotMatch(out, /root:x:0:0|LEAKED-FROM-DTD/, 'an external entity was resolved');
      assert.doesNotMatch(out, /(?:lol){20}/, 'the billion-laughs entity was expanded');
      assert.doesNotMatch(out, /x{60000}/, 'the quadratic-blowup entity was expanded');
      assert.ok(out.length < xml.length * 2, `output of ${out.length} chars from ${xml.length} chars of input`);
      // The parsers are synchronous: a request of theirs would have been sent before ours,
      // so once ours is answered the server has seen any of theirs.
      await fetch(`${dtdServer.origin}/after-parse`);
      assert.deepEqual(dtdServer.requests.map((r) => r.path).filter((p) => p !== '/after-parse'), [], 'a DTD or entity URL was fetched');
      dtdServer.requests.length = 0;
    });
  }

  it('push NITF: a hostile document is stored without any entity resolved, or refused', async () => {
    const token = 'push-token-0123456789abcdef';
    const app = await testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${token}\n` } });
    try {
      const xml = documents(dtdServer.origin).nitf!.xml;
      const res = await request(app.web).post('/api/sources/desk/stories').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/nitf+xml').send(xml);
      assert.ok(res.status === 201 || res.status === 400, `HTTP ${res.status}: ${res.text.slice(0, 300)}`);
      const stored = JSON.stringify(await app.store.listStories({ sourceIds: ['desk'], limit: 5 }));
      assert.doesNotMatch(stored + res.text, /root:x:0:0|LEAKED-FROM-DTD|(?:lol){20}|x{60000}/);
      assert.deepEqual(dtdServer.requests.map((r) => r.path), []);
    } finally {
      await app.dispose();
    }
  });
});
