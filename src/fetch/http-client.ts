// The polite HTTP client every source fetches through. One place decides everything about
// talking to other people's servers: identity, robots.txt, per-host pacing, timeouts, size
// caps, redirects, retries, conditional GET, decoding and which addresses may be reached.
// This module wires those steps together; each lives in its own module.
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { checkLiteralHost, type AddressPolicy, type Resolve } from './address-guard.js';
import { AgentPool } from './agent-pool.js';
import type { RawResponse } from './fetch-failure.js';
import { buildFetchResult, type FetchResult } from './fetch-result.js';
import { fetchWithRetries } from './fetch-with-retries.js';
import { followRedirects } from './follow-redirects.js';
import { HostGate } from './host-gate.js';
import { observeFetch, type FetchObserver } from './observe-fetch.js';
import { parseFetchUrl } from './parse-fetch-url.js';
import { requestHeaders } from './request-headers.js';
import { RobotsCache, type RobotsFetch } from './robots-cache.js';
import { sendRequest } from './send-request.js';
import type { Validators, ValidatorStore } from './validators.js';

export type { FetchResult, ValidatorStore };

export interface HttpClientOptions {
  userAgent: string;
  /** Whole request, headers and body, per attempt (a slow-drip body included). */
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  /** A compressed body may inflate to at most this many times its wire size (past 1 MiB). */
  maxDecompressionRatio: number;
  maxRedirects: number;
  retries: number;
  retryBaseMs: number;
  /** A server asking to wait longer than this fails the fetch instead of stalling the run. */
  maxRetryAfterMs: number;
  perHostConcurrency: number;
  perHostDelayMs: number;
  allowPrivateNetworks: boolean;
}

export interface FetchOptions {
  /**
   * The source fetching. Its configured URL's host may be on a private network; every
   * other host (redirects, links) must resolve to public addresses. Validators are kept
   * per source.
   */
  source?: { id: string; url: string };
  /** Send the source's stored validators; a 304 answer comes back with `notModified` and no body. */
  conditional?: boolean;
  accept?: string;
  signal?: AbortSignal;
  /** Only for fetching robots.txt itself. */
  skipRobots?: boolean;
}

export interface HttpClient {
  get(url: string, options?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export interface HttpClientDeps {
  clock: Clock;
  log: Logger;
  validators?: ValidatorStore;
  random?: () => number;
  /** Name resolution (default `dns.lookup`); the SSRF guard judges whatever it returns. */
  resolve?: Resolve;
  /** Told about every HTTP exchange (each attempt): its status, or 'error' when none came back. Metrics, progress. */
  onFetch?: FetchObserver;
}

export const DEFAULT_HTTP_OPTIONS: HttpClientOptions = {
  userAgent: 'wirefeed/0.1 (+https://github.com/wirefeed/wirefeed)',
  timeoutMs: 15_000,
  connectTimeoutMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
  maxDecompressionRatio: 100,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 500,
  maxRetryAfterMs: 60_000,
  perHostConcurrency: 2,
  perHostDelayMs: 1_000,
  allowPrivateNetworks: false,
};

export function createHttpClient(options: Partial<HttpClientOptions>, deps: HttpClientDeps): HttpClient {
  return new PoliteHttpClient({ ...DEFAULT_HTTP_OPTIONS, ...options }, deps);
}

class PoliteHttpClient implements HttpClient {
  private readonly agents: AgentPool;
  private readonly gate: HostGate;
  private readonly robots: RobotsCache;

  constructor(
    private readonly options: HttpClientOptions,
    private readonly deps: HttpClientDeps,
  ) {
    this.agents = new AgentPool(options, deps.resolve);
    this.gate = new HostGate(options.perHostConcurrency, options.perHostDelayMs);
    // robots.txt groups match the product token: the user agent's first word.
    const agent = (/^[^/\s]+/.exec(options.userAgent)?.[0] ?? 'wirefeed').toLowerCase();
    this.robots = new RobotsCache(agent, deps.clock);
  }

  async get(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    const start = parseFetchUrl(url);
    const { source } = options;
    const policy: AddressPolicy = {
      allowPrivate: this.options.allowPrivateNetworks,
      trustedHost: source ? parseFetchUrl(source.url).hostname.toLowerCase() : null,
    };
    const stored = (options.conditional && source ? await this.deps.validators?.getValidators(source.id, url) : null) ?? null;
    const end = await followRedirects(start, { maxRedirects: this.options.maxRedirects, requested: url }, async (hop, index) => {
      checkLiteralHost(hop, policy);
      if (!options.skipRobots) await this.checkRobots(hop, options);
      // Validators belong to the requested URL: a redirect target gets an unconditional GET.
      return this.fetchHop(hop, policy, options, index === 0 ? stored : null);
    });
    return buildFetchResult(
      { requested: url, final: end.url, response: end.response, stored, sourceId: source?.id ?? null },
      { validators: this.deps.validators, clock: this.deps.clock },
    );
  }

  async close(): Promise<void> {
    await this.agents.close();
  }

  private async checkRobots(url: URL, options: FetchOptions): Promise<void> {
    const rules = await this.robots.rulesFor(url, (robotsUrl) => this.loadRobots(robotsUrl, options));
    if (rules.crawlDelayMs !== null) this.gate.setMinDelay(url.host, Math.min(rules.crawlDelayMs, 60_000));
    if (!rules.allows(url.href)) throw new AppError('FETCH_DISALLOWED', `${url.href}: disallowed by robots.txt`);
  }

  /** Fetched under the page's own address policy, so robots.txt is no way around the SSRF guard. */
  private async loadRobots(robotsUrl: string, page: FetchOptions): Promise<RobotsFetch> {
    try {
      const source = page.source ? { id: page.source.id, url: page.source.url } : undefined;
      const res = await this.get(robotsUrl, { skipRobots: true, source, signal: page.signal, accept: 'text/plain' });
      return { status: res.status, text: res.text };
    } catch (err) {
      if (err instanceof AppError && err.code === 'FETCH_REJECTED') return { status: 404, text: '' };
      if (err instanceof AppError && err.code === 'FETCH_ADDRESS_REFUSED') throw err;
      this.deps.log.warn({ err, url: robotsUrl }, 'robots.txt unreachable');
      return { status: null, text: '' };
    }
  }

  /** One hop: each attempt waits its turn at the host gate and is reported to `onFetch`. */
  private fetchHop(url: URL, policy: AddressPolicy, options: FetchOptions, validators: Validators | null): Promise<RawResponse> {
    const { clock, log, random, onFetch } = this.deps;
    const init = {
      headers: requestHeaders({ userAgent: this.options.userAgent, accept: options.accept }, validators),
      dispatcher: this.agents.agentFor(policy),
      timeoutMs: this.options.timeoutMs,
      signal: options.signal,
      maxBytes: this.options.maxBytes,
      maxDecompressionRatio: this.options.maxDecompressionRatio,
    };
    const attempt = () => observeFetch(url, () => this.gate.run(url.host, () => sendRequest(url, init)), onFetch);
    return fetchWithRetries(url, attempt, this.options, { clock, log, random, signal: options.signal });
  }
}
