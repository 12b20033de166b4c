// Per-host politeness: at most `concurrency` requests in flight to one host, and at least
// `minDelayMs` between the starts of two requests to it. Hand-written (about 60 lines)
// because the queue libraries that run on Node 20 either lack a per-key minimum delay or
// are no longer maintained.

/** The gate's sense of time; tests pass a virtual one. */
export interface GateTimer {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

// performance.now(), not Date.now(): a wall clock stepped back by NTP would stall a host.
export const realGateTimer: GateTimer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface HostState {
  active: number;
  /** When the last request to the host started (gate time). */
  lastStart: number;
  minDelayMs: number;
  waiting: (() => void)[];
  /** Settles when the request before in line has started: starts happen one at a time, in order. */
  turn: Promise<void>;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly minDelayMs: number,
    private readonly timer: GateTimer = realGateTimer,
  ) {}

  /** Raises a host's minimum delay (robots.txt Crawl-delay), never lowers it below the configured one. */
  setMinDelay(host: string, ms: number): void {
    const state = this.state(host);
    state.minDelayMs = Math.max(this.minDelayMs, ms);
  }

  /** Runs `task` when the host allows it. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    while (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active += 1;
    try {
      await this.waitTurn(state);
      return await task();
    } finally {
      state.active -= 1;
      state.waiting.shift()?.();
    }
  }

  /**
   * Waits until `minDelayMs` after the previous request's actual start. The delay counts
   * from when that request really started, not from when it was due, so a late start
   * (a busy machine) never squeezes the next one closer to it. The clock is read again
   * after each sleep: a timer may fire early against it (libuv times from its cached
   * loop time).
   */
  private async waitTurn(state: HostState): Promise<void> {
    const previous = state.turn;
    let release!: () => void;
    state.turn = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      let now = this.timer.now();
      while (now < state.lastStart + state.minDelayMs) {
        await this.timer.sleep(state.lastStart + state.minDelayMs - now);
        now = this.timer.now();
      }
      state.lastStart = now;
    } finally {
      release();
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: -Infinity, minDelayMs: this.minDelayMs, waiting: [], turn: Promise.resolve() };
      this.hosts.set(host, state);
    }
    return state;
  }
}
