// Redirects are followed here, one hop at a time, so that each hop passes the same checks
// (address guard, robots.txt, retries) as the first request: the caller's `hop` does them.
import { AppError } from '../errors.js';
import type { RawResponse } from './fetch-failure.js';
import { parseFetchUrl } from './parse-fetch-url.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface RedirectEnd {
  /** Where the chain ended. */
  url: URL;
  response: RawResponse;
}

export interface RedirectLimit {
  maxRedirects: number;
  /** The URL as the caller asked for it, for the error message. */
  requested: string;
}

/**
 * Calls `hop` for `start`, then for each redirect target, up to `maxRedirects` redirects.
 * `index` is 0 for the first request. A 3xx without `Location` is an answer, not a hop.
 */
export async function followRedirects(
  start: URL,
  limit: RedirectLimit,
  hop: (url: URL, index: number) => Promise<RawResponse>,
): Promise<RedirectEnd> {
  const { maxRedirects, requested } = limit;
  let current = start;
  for (let index = 0; ; index++) {
    const response = await hop(current, index);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location) return { url: current, response };
    if (index >= maxRedirects) throw new AppError('FETCH_REDIRECTS', `${requested}: more than ${maxRedirects} redirects`);
    current = parseFetchUrl(location, current);
  }
}
