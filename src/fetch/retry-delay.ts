// When to try again: exponential backoff with full jitter, or what the server asked for.

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Attempt 0 waits up to base, attempt 1 up to 2x base, ...; jitter spreads retries of many clients apart. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** attempt;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
