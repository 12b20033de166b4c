// Conditional requests and content-coding choice for cached feed bodies.
import type { IncomingHttpHeaders } from 'node:http';
import type { Encoding, PreparedBody } from './prepared-body.js';

const chosen = new Map<string, Encoding>();

/** br, else gzip, else identity, honouring q=0 (RFC 9110 §12.5.3); memoized per header value. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const known = chosen.get(acceptEncoding);
  if (known) return known;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (q.get(name) ?? (q.has('*') ? q.get('*')! : 0)) > 0;
  const result: Encoding = ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
  if (chosen.size < 256) chosen.set(acceptEncoding, result);
  return result;
}

/**
 * RFC 9110 §13.1: If-None-Match decides when present (weak comparison, any coding of
 * this body matches); otherwise If-Modified-Since at one-second resolution.
 */
export function isNotModified(headers: IncomingHttpHeaders, body: PreparedBody): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    return inm.split(',').some((tag) => body.etags.has(tag.trim().replace(/^W\//, '')));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && body.lastModifiedMs <= since;
}
