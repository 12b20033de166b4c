/** Time as a dependency, so that tests can fix it. */
export interface Clock {
  now(): Date;
  /**
   * Resolves after `ms` of this clock's time, or at once when `signal` aborts. Optional:
   * a clock without it waits in real time (`sleepOn`); a test clock resolves its sleeps
   * when the test advances it.
   */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout fires at once past this (2^31 - 1 ms, about 24.8 days): longer waits go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const arm = () => {
      const left = end - Date.now();
      if (left <= 0) return done();
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    };
    signal?.addEventListener('abort', done, { once: true });
    arm();
  });
}

export const systemClock: Clock = { now: () => new Date(), sleep: realSleep };

/** Waits `ms` on `clock`: its own sleep when it has one, real time otherwise. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return clock.sleep ? clock.sleep(ms, signal) : realSleep(ms, signal);
}

export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface ManualClock extends Clock {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward by `ms` and wakes, earliest first, every sleep due by then. */
  advance(ms: number): void;
  /** Moves time to `at` (never back) and wakes every sleep due by then. */
  set(at: string | Date): void;
  /** When each pending sleep is due, earliest first. */
  sleepers(): Date[];
  /** Resolves once some pending sleep is due at `at` (default: once any sleep is pending). */
  sleeping(at?: string | Date): Promise<void>;
}

/**
 * A clock that stands still until the test moves it, and whose sleeps resolve only then:
 * code that waits (cron slots, jitter, grace periods) runs in the order the test sets,
 * however loaded the machine is.
 */
export function manualClock(at: string | Date): ManualClock {
  let current = new Date(at).getTime();
  let seq = 0;
  const pending: { at: number; seq: number; wake: () => void }[] = [];
  const watchers: { matches: () => boolean; resolve: () => void }[] = [];
  const notify = () => {
    for (const w of [...watchers]) {
      if (!w.matches()) continue;
      watchers.splice(watchers.indexOf(w), 1);
      w.resolve();
    }
  };
  const moveTo = (to: number) => {
    current = Math.max(current, to);
    const due = pending.filter((p) => p.at <= current).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const p of due) {
      pending.splice(pending.indexOf(p), 1);
      p.wake();
    }
  };
  return {
    now: () => new Date(current),
    sleep(ms, signal) {
      if (ms <= 0 || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const entry = {
          at: current + ms,
          seq: seq++,
          wake: () => {
            signal?.removeEventListener('abort', cancel);
            resolve();
          },
        };
        const cancel = () => {
          const i = pending.indexOf(entry);
          if (i >= 0) pending.splice(i, 1);
          resolve();
        };
        signal?.addEventListener('abort', cancel, { once: true });
        pending.push(entry);
        notify();
      });
    },
    advance: (ms) => moveTo(current + ms),
    set: (next) => moveTo(new Date(next).getTime()),
    sleepers: () => pending.map((p) => p.at).sort((a, b) => a - b).map((t) => new Date(t)),
    sleeping(when) {
      const target = when === undefined ? undefined : new Date(when).getTime();
      const matches = () => pending.some((p) => target === undefined || p.at === target);
      if (matches()) return Promise.resolve();
      return new Promise((resolve) => watchers.push({ matches, resolve }));
    },
  };
}
