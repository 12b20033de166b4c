import assert from 'node:assert/strict';
import { fixedClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import type { RawResponse } from '../../src/fetch/fetch-failure.js';
import { fetchWithRetries } from '../../src/fetch/fetch-with-retries.js';
import { silentLogger } from '../../src/log.js';

const URL_ = new URL('https://a.example/page');
const POLICY = { retries: 2, retryBaseMs: 1, maxRetryAfterMs: 60_000 };
const deps = { clock: fixedClock('2026-01-01T00:00:00Z'), log: silentLogger() };
const answer = (status: number, headers: Record<string, string> = {}): RawResponse => ({ status, headers, body: Buffer.alloc(0) });

/** An attempt function that plays the answers in order and counts calls. */
function script(...answers: (RawResponse | Error)[]) {
  let calls = 0;
  const attempt = async () => {
    const next = answers[calls++] ?? answers.at(-1)!;
    if (next instanceof Error) throw next;
    return next;
  };
  return { attempt, calls: () => calls };
}

async function failsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof AppError && err.code === code);
}

describe('fetch: fetchWithRetries', () => {
  it('retries 5xx, 429 and network errors, then returns the answer', async () => {
    const s = script(answer(503), Object.assign(new Error('reset'), { code: 'ECONNRESET' }), answer(200));
    assert.equal((await fetchWithRetries(URL_, s.attempt, POLICY, deps)).status, 200);
    assert.equal(s.calls(), 3);
    const busy = script(answer(429, { 'retry-after': '0' }), answer(304));
    assert.equal((await fetchWithRetries(URL_, busy.attempt, POLICY, deps)).status, 304);
  });

  it('stops after `retries` retries with FETCH_FAILED', async () => {
    const s = script(answer(500));
    await failsWith(fetchWithRetries(URL_, s.attempt, POLICY, deps), 'FETCH_FAILED');
    assert.equal(s.calls(), 3);
  });

  it('does not retry a 4xx other than 429, or a Retry-After past the cap', async () => {
    const gone = script(answer(410));
    await failsWith(fetchWithRetries(URL_, gone.attempt, POLICY, deps), 'FETCH_REJECTED');
    assert.equal(gone.calls(), 1);
    const later = script(answer(503, { 'retry-after': '120' }));
    await failsWith(fetchWithRetries(URL_, later.attempt, POLICY, deps), 'FETCH_FAILED');
    assert.equal(later.calls(), 1);
  });

  it('does not retry once the caller aborted', async () => {
    const abort = new AbortController();
    const s = script(answer(503));
    const attempt = async () => {
      abort.abort();
      return s.attempt();
    };
    await failsWith(fetchWithRetries(URL_, attempt, POLICY, { ...deps, signal: abort.signal }), 'FETCH_FAILED');
    assert.equal(s.calls(), 1);
  });
});
