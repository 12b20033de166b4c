// Conditional requests and content-coding choice for cached feed bodies.
import type { IncomingHttpHeaders } from 'node:http';
import type { Encoding, PreparedBody } from './prepared-body.js';

const chosen = new Map<string, Encoding>();
/** Ours, most preferred first when the client's qvalues tie. */
const CODINGS: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * RFC 9110 §12.5.3: the acceptable coding with the highest qvalue, br before gzip before
 * identity on a tie. Identity is acceptable unless refused ("identity;q=0", or "*;q=0"
 * without an identity entry), but not preferred over a coding the client listed. When
 * nothing is acceptable the field is disregarded (§12.1) and identity sent. No field or
 * an empty one: identity. Memoized per header value.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const known = chosen.get(acceptEncoding);
  if (known) return known;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const qp = params.find((p) => p.startsWith('q='));
    q.set(name === 'x-gzip' ? 'gzip' : name, qp ? Number(qp.slice(2)) || 0 : 1); // §8.4.1.3: x-gzip is gzip
  }
  const star = q.get('*');
  // An unlisted identity ranks below every coding the client listed, but above nothing.
  const weight = (c: Encoding) => q.get(c) ?? star ?? (c === 'identity' ? Number.MIN_VALUE : 0);
  const best = CODINGS.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const result: Encoding = weight(best) > 0 ? best : 'identity';
  if (chosen.size < 256) chosen.set(acceptEncoding, result);
  return result;
}

/**
 * RFC 9110 §13.1: If-None-Match decides when present, by weak comparison with the tag of
 * the representation this request selected (`encoding`): another coding's tag names
 * another representation (§8.8.3), and a 304 for it would tell a cache that its gzip copy
 * is current for a request that selected identity. Otherwise If-Modified-Since at
 * one-second resolution.
 */
export function isNotModified(headers: IncomingHttpHeaders, body: PreparedBody, encoding: Encoding): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    const etag = body.variants[encoding].etag;
    // What a client that kept our ETag sends back: decided without splitting.
    if (inm === etag) return true;
    if (inm.trim() === '*') return true;
    return inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && body.lastModifiedMs <= since;
}
