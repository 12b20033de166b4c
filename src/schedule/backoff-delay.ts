/** How long a failing source waits before its next scheduled attempt. */
export interface BackoffPolicy {
  /** Wait after the first failure; doubles with each further failure. */
  baseMs: number;
  /** Never wait longer than this, however many failures. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 60 * 60_000 };

/**
 * Exponential and capped: 0 after a success (the backoff resets), then base, 2·base,
 * 4·base, ... up to max.
 */
export function backoffDelay(consecutiveFailures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (consecutiveFailures <= 0) return 0;
  // Past 2^40 the cap has long won; clamping the exponent keeps the arithmetic finite.
  const exponent = Math.min(consecutiveFailures - 1, 40);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** The earliest time the next attempt may start, or null when not backing off. */
export function backoffUntil(consecutiveFailures: number, lastFinished: Date | null, policy?: BackoffPolicy): Date | null {
  const delay = backoffDelay(consecutiveFailures, policy);
  if (delay === 0 || !lastFinished) return null;
  return new Date(lastFinished.getTime() + delay);
}
