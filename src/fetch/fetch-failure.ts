// Sorting what went wrong on the wire into our error codes, once.
import { AppError } from '../errors.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** SHA-256 (base64url) of `body`, when it was hashed while read. */
  bodyHash?: string;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function failureFrom(err: unknown, url: string, callerSignal: AbortSignal | undefined): AppError {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof AppError) return e;
  }
  const code = (err as { code?: string } | null)?.code ?? '';
  const name = (err as Error | null)?.name ?? '';
  if (callerSignal?.aborted) return new AppError('FETCH_FAILED', `${url}: aborted`, { cause: err });
  if (TIMEOUT_CODES.has(code) || name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('FETCH_TIMEOUT', `${url}: timed out`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('FETCH_FAILED', `${url}: ${code || message}`, { cause: err });
}

/** What a failed fetch says about the source's health (see schedule/run-health.ts). */
export type FailureClass = 'blocked' | 'unreachable' | 'misconfigured' | 'broken';

/** Statuses that mean "you may not": the site refuses us rather than failing. */
const REFUSING = new Set([401, 403, 407, 429, 451]);

/**
 * Sorts a fetch error by its code (and, for HTTP answers, the status our own messages
 * carry as "HTTP nnn"); null for an error that did not come from fetching.
 */
export function classifyFailure(err: unknown): FailureClass | null {
  if (!(err instanceof AppError)) return null;
  const status = Number(/\bHTTP (\d{3})\b/.exec(err.message)?.[1] ?? 0);
  switch (err.code) {
    case 'FETCH_DISALLOWED':
      return 'blocked';
    case 'FETCH_TIMEOUT':
      return 'unreachable';
    case 'FETCH_REJECTED':
      if (REFUSING.has(status)) return 'blocked';
      // The configured page is gone or never was: the config, not the site, needs a change.
      return status === 404 || status === 410 ? 'misconfigured' : 'broken';
    case 'FETCH_FAILED':
      // 429 and 5xx are retried; what is left after the retries lands here.
      return REFUSING.has(status) ? 'blocked' : 'unreachable';
    case 'FETCH_ADDRESS_REFUSED':
    case 'INPUT_INVALID':
      return 'misconfigured';
    case 'FETCH_TOO_LARGE':
    case 'FETCH_REDIRECTS':
      return 'broken';
    default:
      return null;
  }
}
