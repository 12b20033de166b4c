// One hop, retried on 429/5xx and network errors with backoff, honouring Retry-After.
// Every other answer, 4xx included, is final: asking again would not change it.
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { failureFrom, type RawResponse } from './fetch-failure.js';
import { backoffDelay, parseRetryAfter } from './retry-delay.js';

export interface RetryPolicy {
  retries: number;
  retryBaseMs: number;
  /** A server asking to wait longer than this fails the fetch instead of stalling the run. */
  maxRetryAfterMs: number;
}

export interface RetryDeps {
  clock: Clock;
  log: Logger;
  random?: () => number;
  /** The caller's abort: no retry, and no wait, once it fires. */
  signal?: AbortSignal;
}

type Verdict = { response: RawResponse } | { failure: AppError; retryAfterMs: number | null };

export async function fetchWithRetries(url: URL, attempt: () => Promise<RawResponse>, policy: RetryPolicy, deps: RetryDeps): Promise<RawResponse> {
  for (let n = 0; ; n++) {
    let verdict: Verdict;
    try {
      verdict = judge(url, await attempt(), deps.clock);
    } catch (err) {
      verdict = { failure: failureFrom(err, url.href, deps.signal), retryAfterMs: null };
    }
    if ('response' in verdict) return verdict.response;
    const { failure, retryAfterMs } = verdict;
    if (!failure.retryable || n >= policy.retries || deps.signal?.aborted) throw failure;
    if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) throw failure;
    const delay = retryAfterMs ?? backoffDelay(n, policy.retryBaseMs, deps.random);
    deps.log.debug({ url: url.href, attempt: n, delay, err: failure }, 'fetch retry');
    await sleep(delay, deps.signal);
  }
}

/** 2xx/3xx are answers; 4xx other than 429 fail for good; 429 and 5xx may be retried. */
function judge(url: URL, res: RawResponse, clock: Clock): Verdict {
  if (res.status < 400) return { response: res };
  if (res.status < 500 && res.status !== 429) return { failure: new AppError('FETCH_REJECTED', `${url.href}: HTTP ${res.status}`), retryAfterMs: null };
  return {
    failure: new AppError('FETCH_FAILED', `${url.href}: HTTP ${res.status}`),
    retryAfterMs: parseRetryAfter(res.headers['retry-after'], clock.now()),
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('FETCH_FAILED', 'fetch aborted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new AppError('FETCH_FAILED', 'fetch aborted'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
