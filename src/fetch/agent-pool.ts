// Connection pools, one per address policy: the SSRF guard runs in a pool's DNS lookup, so
// a kept-alive connection may only be reused by fetches judged by the same policy.
import { Agent, type Dispatcher } from 'undici';
import { guardedLookup, TrustedHostPins, type AddressPolicy, type Resolve } from './address-guard.js';

export interface AgentTimeouts {
  connectTimeoutMs: number;
  /** Headers and body each; the whole-request deadline is the caller's signal. */
  timeoutMs: number;
}

export class AgentPool {
  private readonly agents = new Map<string, Agent>();
  /** Shared by every agent: a host's first answer pins it whichever policy asked. */
  private readonly pins = new TrustedHostPins();

  constructor(
    private readonly timeouts: AgentTimeouts,
    private readonly resolve?: Resolve,
  ) {}

  agentFor(policy: AddressPolicy): Dispatcher {
    const key = `${policy.allowPrivate}|${policy.trustedHost ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({
        connect: { timeout: this.timeouts.connectTimeoutMs, lookup: guardedLookup(policy, this.resolve, this.pins) },
        headersTimeout: this.timeouts.timeoutMs,
        bodyTimeout: this.timeouts.timeoutMs,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close()));
    this.agents.clear();
  }
}
