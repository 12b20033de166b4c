/** Upper bound of the start-up spread, whatever the schedule. */
export const MAX_JITTER_MS = 30_000;
/** Share of the schedule's interval that jitter may use, so a run never slides into the next tick. */
export const JITTER_SHARE = 0.2;

/**
 * A random delay in [0, min(maxMs, share × interval)) before a scheduled run starts,
 * so that sources sharing one cron expression (often on one host) do not all fire in
 * the same second. `random` returns [0, 1) like Math.random; tests pass a fixed one.
 */
export function jitterDelay(random: () => number, intervalMs: number, maxMs = MAX_JITTER_MS): number {
  const bound = Math.max(0, Math.min(maxMs, intervalMs * JITTER_SHARE));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * bound);
}
