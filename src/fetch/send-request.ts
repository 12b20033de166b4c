// One HTTP exchange on the wire: the request, then the body read under the size caps.
// Only 2xx bodies are read; any other answer is judged by its status and headers alone.
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { AppError } from '../errors.js';
import type { RawResponse } from './fetch-failure.js';
import { readBody } from './read-body.js';

export interface SendRequestInit {
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  /** Whole exchange, headers and body (a slow-drip body included). */
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes: number;
  maxDecompressionRatio: number;
}

export async function sendRequest(url: URL, init: SendRequestInit): Promise<RawResponse> {
  const signals = [AbortSignal.timeout(init.timeoutMs), ...(init.signal ? [init.signal] : [])];
  const res = await request(url, { method: 'GET', headers: init.headers, dispatcher: init.dispatcher, signal: AbortSignal.any(signals) });
  const headers = flattenHeaders(res.headers);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    res.body.resume();
    return { status: res.statusCode, headers, body: Buffer.alloc(0) };
  }
  // A declared length over the cap fails before a byte of the body is read.
  const length = Number(headers['content-length']);
  if (length > init.maxBytes) {
    res.body.destroy();
    throw new AppError('FETCH_TOO_LARGE', `${url.href}: response of ${length} bytes is over the ${init.maxBytes} byte cap`);
  }
  const { bytes, sha256 } = await readBody(res.body as Readable, {
    contentEncoding: headers['content-encoding'],
    maxBytes: init.maxBytes,
    maxRatio: init.maxDecompressionRatio,
    url: url.href,
  });
  return { status: res.statusCode, headers, body: bytes, bodyHash: sha256 };
}

/** Lower-case names, repeated headers joined as RFC 9110 §5.3 allows. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
