// Which URLs the client fetches at all: the requested one and every redirect target.
import { AppError } from '../errors.js';

/** An absolute http(s) URL (resolved against `base` for a redirect); the fragment is never sent. */
export function parseFetchUrl(url: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new AppError('INPUT_INVALID', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('INPUT_INVALID', `not an http(s) URL: ${url}`);
  }
  parsed.hash = '';
  return parsed;
}
