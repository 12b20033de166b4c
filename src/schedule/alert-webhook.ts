// alerts.webhook: each change of a source's health is also POSTed as JSON, the same entry
// the operator feed shows. Delivery is retried on its own time and never holds up a run:
// the run has finished before the first attempt is made.
import { sleepOn, type Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { HealthEvent } from '../store/store.js';

/** Waits before the 2nd, 3rd and 4th attempt: a receiver restarting is back within these. */
export const ALERT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface AlertDeps {
  clock: Clock;
  log: Logger;
  /** Where the status page is, for the alert's link. */
  baseUrl: string;
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
}

/** The JSON body: the event, its title as in the feed, and where to look. */
export function alertBody(event: HealthEvent, title: string, baseUrl: string): string {
  return JSON.stringify({ ...event, title, url: `${baseUrl}/status#source-${encodeURIComponent(event.sourceId)}` });
}

function attemptSignal(stop: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  return stop ? AbortSignal.any([timeout, stop]) : timeout;
}

/** Resolves true once delivered (a 2xx), false after the last attempt failed; never rejects. */
export async function deliverAlert(webhook: string, body: string, deps: AlertDeps): Promise<boolean> {
  const delays = deps.retryDelaysMs ?? ALERT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: attemptSignal(deps.signal) });
      await res.body?.cancel();
      if (res.ok) return true;
      deps.log.warn({ status: res.status, attempt }, 'alert webhook refused');
    } catch (err) {
      deps.log.warn({ err, attempt }, 'alert webhook failed');
    }
    const delay = delays[attempt];
    if (delay === undefined || deps.signal?.aborted) return false;
    await sleepOn(deps.clock, delay, deps.signal);
  }
}
