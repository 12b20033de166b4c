// One error type with a code; sorted once at the boundary (server error handler, CLI).

export const ERROR_CODES = {
  CONFIG_INVALID: { status: 500, retryable: false },
  SOURCE_NOT_FOUND: { status: 404, retryable: false },
  FEED_NOT_FOUND: { status: 404, retryable: false },
  STORY_NOT_FOUND: { status: 404, retryable: false },
  /** A story its source withdrew (killed): gone for good. */
  STORY_WITHDRAWN: { status: 410, retryable: false },
  FORMAT_UNKNOWN: { status: 404, retryable: false },
  EXTRACT_EMPTY: { status: 422, retryable: false },
  PARSE_FAILED: { status: 422, retryable: false },
  INPUT_INVALID: { status: 400, retryable: false },
  FILTER_TOO_SLOW: { status: 422, retryable: false },
  /** ?filter=: a repeat count or compiled program above the limits (story-filter.ts). */
  FILTER_TOO_COMPLEX: { status: 422, retryable: false },
  /** Push: missing or wrong Bearer token. */
  UNAUTHORIZED: { status: 401, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  /** Per-IP API rate limit: the answer carries Retry-After. */
  RATE_LIMITED: { status: 429, retryable: true },
  MEDIA_UNSUPPORTED: { status: 415, retryable: false },
  /** A read-only URL (feeds, pages) asked to take a POST, PUT or DELETE: the answer carries Allow. */
  METHOD_NOT_ALLOWED: { status: 405, retryable: false },
  RUN_IN_PROGRESS: { status: 409, retryable: true },
  SHUTTING_DOWN: { status: 503, retryable: true },
  /** Too much ?filter= work waits for the render threads; this request's, the costliest, was refused (feed-renderer.ts). */
  FILTER_BUSY: { status: 503, retryable: true },
  /** A render thread ran past its time limit and was replaced (feed-renderer.ts). */
  RENDER_TIMEOUT: { status: 503, retryable: true },
  /** Admin API: ADMIN_TOKEN is not set. */
  ADMIN_DISABLED: { status: 403, retryable: false },
  STORE_FAILED: { status: 503, retryable: true },
  FETCH_FAILED: { status: 502, retryable: true },
  FETCH_TIMEOUT: { status: 504, retryable: true },
  FETCH_TOO_LARGE: { status: 502, retryable: false },
  /** The upstream answered 4xx (other than 429): asking again will not help. */
  FETCH_REJECTED: { status: 502, retryable: false },
  FETCH_REDIRECTS: { status: 502, retryable: false },
  /** robots.txt forbids the URL for our user agent. */
  FETCH_DISALLOWED: { status: 403, retryable: false },
  /** SSRF guard: the host resolves to a private, loopback, link-local or metadata address. */
  FETCH_ADDRESS_REFUSED: { status: 403, retryable: false },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.details = options.details ?? [];
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
