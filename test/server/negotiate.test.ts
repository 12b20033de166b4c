// Content-coding choice (RFC 9110 §12.5.3) and conditional GET (§13.1.2, §13.1.3, §13.2.2)
// for cached feed bodies, written from the RFC rather than from the code.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chooseEncoding, isNotModified } from '../../src/server/negotiate.js';
import { prepareBody, type PreparedBody } from '../../src/server/prepared-body.js';

async function preparedBody(): Promise<PreparedBody> {
  const bytes = new TextEncoder().encode('{"version":"https://jsonfeed.org/version/1.1","items":[]}');
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
  return prepareBody({ bytes, hash, updatedMs: Date.parse('2026-03-05T08:00:00Z') }, { contentType: 'application/feed+json', maxAgeSeconds: 60 });
}

describe('chooseEncoding (RFC 9110 §12.5.3 Accept-Encoding)', () => {
  const cases: [string | undefined, string, string][] = [
    [undefined, 'identity', 'no field: no preference stated; identity is what every client reads'],
    ['', 'identity', 'an empty field: the client wants no content coding'],
    ['gzip', 'gzip', 'the one coding listed'],
    ['gzip, deflate, br', 'br', 'equal q: the smaller coding'],
    ['br;q=0, gzip', 'gzip', 'q=0: not acceptable'],
    ['br;q=0.2, gzip;q=0.9', 'gzip', 'the highest non-zero qvalue is preferred'],
    ['gzip;q=0.5, identity', 'identity', 'identity listed with a higher qvalue than gzip'],
    ['gzip;q=0.5', 'gzip', 'identity not listed: acceptable, but not preferred over a coding the client asked for'],
    ['*', 'br', '"*" matches every coding not listed'],
    ['*;q=0.5, gzip', 'gzip', 'an explicit qvalue beats the one "*" gives'],
    ['gzip, identity;q=0', 'gzip', 'identity refused'],
    ['*;q=0, gzip', 'gzip', 'everything refused but gzip'],
    ['*;q=0, identity', 'identity', '"*;q=0" refuses identity only without a more specific entry'],
    ['GZIP;Q=0.8, Br;q=0.7', 'gzip', 'coding names and the q parameter are case-insensitive'],
    ['gzip ; q=0.4 , br ; q=0.6', 'br', 'optional whitespace around ";" and ","'],
    ['x-gzip', 'gzip', '§8.4.1.3: x-gzip is equivalent to gzip'],
    ['br;q=banana, gzip', 'gzip', 'a malformed qvalue counts as 0'],
    ['compress, deflate', 'identity', 'only codings we do not have: identity, acceptable by default'],
  ];
  for (const [field, want, why] of cases) {
    it(`${JSON.stringify(field)} -> ${want}: ${why}`, () => {
      assert.equal(chooseEncoding(field), want);
      assert.equal(chooseEncoding(field), want, 'the same answer from the memo');
    });
  }

  it('nothing acceptable ("identity;q=0", "*;q=0"): the field is disregarded (§12.1) and identity sent', () => {
    assert.equal(chooseEncoding('identity;q=0'), 'identity');
    assert.equal(chooseEncoding('*;q=0'), 'identity');
    assert.equal(chooseEncoding('compress, identity;q=0'), 'identity');
  });
});

describe('isNotModified (RFC 9110 §13.1.2 If-None-Match, §13.1.3 If-Modified-Since)', () => {
  let body: PreparedBody;
  let plain: string;
  let gz: string;
  before(async () => {
    body = await preparedBody();
    plain = body.variants.identity.etag;
    gz = body.variants.gzip.etag;
  });
  const check = (headers: Record<string, string>, encoding: 'identity' | 'gzip' | 'br' = 'identity') => isNotModified(headers, body, encoding);

  it('the selected representation\'s own tag: not modified', () => {
    assert.equal(check({ 'if-none-match': plain }), true);
    assert.equal(check({ 'if-none-match': gz }, 'gzip'), true);
  });

  it('a weak tag matches by weak comparison (§8.8.3.2): W/ is ignored', () => {
    assert.equal(check({ 'if-none-match': `W/${plain}` }), true);
  });

  it('one of a list matches, with or without spaces', () => {
    assert.equal(check({ 'if-none-match': `"a", W/"b", ${plain}` }), true);
    assert.equal(check({ 'if-none-match': `"a",${plain}` }), true);
    assert.equal(check({ 'if-none-match': '"a", W/"b"' }), false);
  });

  it('"*" matches any current representation', () => {
    assert.equal(check({ 'if-none-match': '*' }), true);
    assert.equal(check({ 'if-none-match': ' * ' }), true);
  });

  it('another coding\'s tag does not match: a 304 would vouch for a representation this request did not select', () => {
    // A cache holding the gzip response revalidates it on a plain request: the opaque-tags
    // differ, so the condition is true and the plain body is sent (200).
    assert.equal(check({ 'if-none-match': gz }), false);
    assert.equal(check({ 'if-none-match': plain }, 'br'), false);
  });

  it('an unquoted or partial tag never matches', () => {
    assert.equal(check({ 'if-none-match': plain.slice(1, -1) }), false);
    assert.equal(check({ 'if-none-match': plain.slice(0, -2) + '"' }), false);
  });

  it('If-Modified-Since: not modified at or after Last-Modified, modified before; an invalid date is ignored', () => {
    assert.equal(check({ 'if-modified-since': 'Thu, 05 Mar 2026 08:00:00 GMT' }), true);
    assert.equal(check({ 'if-modified-since': 'Thu, 05 Mar 2026 09:00:00 GMT' }), true);
    assert.equal(check({ 'if-modified-since': 'Thu, 05 Mar 2026 07:59:59 GMT' }), false);
    assert.equal(check({ 'if-modified-since': 'yesterday' }), false);
  });

  it('If-None-Match present: If-Modified-Since is not evaluated (§13.1.3)', () => {
    assert.equal(check({ 'if-none-match': '"other"', 'if-modified-since': 'Thu, 05 Mar 2026 09:00:00 GMT' }), false);
  });

  it('no condition: modified', () => {
    assert.equal(check({}), false);
  });
});
