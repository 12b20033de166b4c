// A feed body prepared once and served many times: one representation per content coding
// (RFC 9110 §8.4), each with its own strong validator (§8.8.3), and the header sets a 200
// and a 304 send (§15.4.5).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RenderedDocument } from '../../src/publish/feed-document.js';
import { prepareBody, type HeaderList } from '../../src/server/prepared-body.js';

const META = { contentType: 'application/atom+xml; charset=utf-8', maxAgeSeconds: 300 };

function documentOf(text: string, updatedMs = Date.parse('2026-03-05T08:00:00.750Z')): RenderedDocument {
  const bytes = new TextEncoder().encode(text);
  return { bytes, hash: createHash('sha256').update(bytes).digest('base64url').slice(0, 27), updatedMs };
}

/** A header list as a map of lower-cased names; fails on a name sent twice. */
function headerMap(list: HeaderList): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i]!.toLowerCase();
    assert.ok(!map.has(name), `${name} sent twice`);
    map.set(name, list[i + 1]!);
  }
  return map;
}

describe('prepareBody', () => {
  const text = `<?xml version="1.0" encoding="utf-8"?><feed>${'<entry>Harbour bridge reopens</entry>'.repeat(200)}</feed>`;

  it('holds each content coding of the same bytes: gzip and br decode to the identity bytes', async () => {
    const body = await prepareBody(documentOf(text), META);
    assert.equal(body.variants.identity.bytes.toString('utf8'), text);
    assert.equal(gunzipSync(body.variants.gzip.bytes).toString('utf8'), text);
    assert.equal(brotliDecompressSync(body.variants.br.bytes).toString('utf8'), text);
    assert.ok(body.variants.gzip.bytes.length < body.variants.identity.bytes.length, 'gzip is smaller');
    assert.equal(body.size, Buffer.byteLength(text));
  });

  it('gives every coding its own strong ETag (a different representation, RFC 9110 §8.8.3)', async () => {
    const body = await prepareBody(documentOf(text), META);
    const tags = Object.values(body.variants).map((v) => v.etag);
    for (const tag of tags) assert.match(tag, /^"[\x21\x23-\x7e]+"$/, `${tag} is a strong entity-tag`);
    assert.equal(new Set(tags).size, 3, 'all different');
  });

  it('changes the ETag if and only if the bytes change', async () => {
    const a = await prepareBody(documentOf(text), META);
    const same = await prepareBody(documentOf(text, Date.parse('2026-03-06T00:00:00Z')), META);
    const other = await prepareBody(documentOf(text.replace('reopens', 'closes')), META);
    for (const enc of ['identity', 'gzip', 'br'] as const) {
      assert.equal(same.variants[enc].etag, a.variants[enc].etag, `${enc}: same bytes, same tag`);
      assert.notEqual(other.variants[enc].etag, a.variants[enc].etag, `${enc}: other bytes, other tag`);
    }
  });

  it('a 200 carries type, exact length, coding (never "identity"), validators and Vary: Accept-Encoding', async () => {
    const body = await prepareBody(documentOf(text), META);
    for (const [enc, v] of Object.entries(body.variants)) {
      const h = headerMap(v.headers200);
      assert.equal(h.get('content-type'), META.contentType);
      assert.equal(h.get('content-length'), String(v.bytes.length), enc);
      // RFC 9110 §8.4.1: "identity" is not sent as a Content-Encoding.
      assert.equal(h.get('content-encoding'), enc === 'identity' ? undefined : enc);
      assert.equal(h.get('etag'), v.etag);
      assert.equal(h.get('vary'), 'Accept-Encoding', 'the coding depends on Accept-Encoding (§12.5.5)');
      assert.equal(h.get('cache-control'), 'public, max-age=300, stale-while-revalidate=300');
      assert.equal(h.get('x-content-type-options'), 'nosniff');
    }
  });

  it('Last-Modified is an HTTP-date at one-second resolution, never later than the document (§8.8.2)', async () => {
    const body = await prepareBody(documentOf(text), META);
    const h = headerMap(body.variants.identity.headers200);
    assert.equal(h.get('last-modified'), 'Thu, 05 Mar 2026 08:00:00 GMT');
    assert.equal(body.lastModifiedMs, Date.parse('2026-03-05T08:00:00Z'));
  });

  it('a 304 repeats ETag, Cache-Control, Vary and Last-Modified, and no content headers (§15.4.5)', async () => {
    const body = await prepareBody(documentOf(text), META);
    for (const v of Object.values(body.variants)) {
      const h = headerMap(v.headers304);
      assert.equal(h.get('etag'), v.etag);
      for (const name of ['cache-control', 'vary', 'last-modified']) assert.equal(h.get(name), headerMap(v.headers200).get(name), name);
      for (const name of ['content-length', 'content-type', 'content-encoding']) assert.ok(!h.has(name), `no ${name} on a 304`);
    }
  });

  it('an empty document still has three codings and a Content-Length of 0 for identity', async () => {
    const body = await prepareBody(documentOf(''), META);
    assert.equal(headerMap(body.variants.identity.headers200).get('content-length'), '0');
    assert.equal(gunzipSync(body.variants.gzip.bytes).length, 0);
  });
});
