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
