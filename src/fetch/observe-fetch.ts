// Metrics and run progress hear about every exchange on the wire, each retry included, so
// that a host answering 503 three times shows as three 503s, not as one failure.
import type { RawResponse } from './fetch-failure.js';

/** Told the status of an exchange, or 'error' when no response came back. */
export type FetchObserver = (url: string, status: number | 'error') => void;

export async function observeFetch(url: URL, exchange: () => Promise<RawResponse>, onFetch: FetchObserver | undefined): Promise<RawResponse> {
  let res: RawResponse;
  try {
    res = await exchange();
  } catch (err) {
    onFetch?.(url.href, 'error');
    throw err;
  }
  onFetch?.(url.href, res.status);
  return res;
}
