// Per-host politeness: at most `concurrency` requests in flight to one host, and at least
// `minDelayMs` between the starts of two requests to it. Hand-written (about 40 lines)
// because the queue libraries that run on Node 20 either lack a per-key minimum delay or
// are no longer maintained.

interface HostState {
  active: number;
  nextStart: number;
  minDelayMs: number;
  waiting: (() => void)[];
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly minDelayMs: number,
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
      const wait = state.nextStart - Date.now();
      state.nextStart = Math.max(Date.now(), state.nextStart) + state.minDelayMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await task();
    } finally {
      state.active -= 1;
      state.waiting.shift()?.();
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, minDelayMs: this.minDelayMs, waiting: [] };
      this.hosts.set(host, state);
    }
    return state;
  }
}
