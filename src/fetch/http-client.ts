// The polite HTTP client every source fetches through. One place decides everything about
// talking to other people's servers: identity, robots.txt, per-host pacing, timeouts, size
// caps, redirects, retries, conditional GET, decoding and which addresses may be reached.
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store, Validators } from '../store/store.js';
import { checkLiteralHost, guardedLookup, type AddressPolicy, type Resolve } from './address-guard.js';
import { decodeBody } from './decode-body.js';
import { HostGate } from './host-gate.js';
import { readBody } from './read-body.js';
import { backoffDelay, parseRetryAfter } from './retry-delay.js';
import { RobotsCache, type RobotsFetch } from './robots-cache.js';
import { failureFrom, type RawResponse } from './fetch-failure.js';

/** Where conditional-GET validators live between runs, per source (the Store implements it). */
export type ValidatorStore = Pick<Store, 'getValidators' | 'saveValidators'>;

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

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  headers: Record<string, string>;
  body: Buffer;
  /** Decoded with the charset from BOM, header or meta; '' for a 304. */
  text: string;
  charset: string | null;
  /** ETag / Last-Modified of this response (of the stored ones after a 304). */
  validators: Pick<Validators, 'etag' | 'lastModified'> | null;
  /**
   * Records this fetch for the source (validators for the next conditional GET, and the
   * URL as known): call once the content is safely processed, so a crash refetches it.
   */
  commitValidators(): Promise<void>;
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
  onFetch?: (url: string, status: number | 'error') => void;
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(options: Partial<HttpClientOptions>, deps: HttpClientDeps): HttpClient {
  return new PoliteHttpClient({ ...DEFAULT_HTTP_OPTIONS, ...options }, deps);
}

class PoliteHttpClient implements HttpClient {
  private readonly agents = new Map<string, Agent>();
  private readonly gate: HostGate;
  private readonly robots: RobotsCache;

  constructor(
    private readonly options: HttpClientOptions,
    private readonly deps: HttpClientDeps,
  ) {
    this.gate = new HostGate(options.perHostConcurrency, options.perHostDelayMs);
    const agent = (/^[^/\s]+/.exec(options.userAgent)?.[0] ?? 'wirefeed').toLowerCase();
    this.robots = new RobotsCache(agent, deps.clock);
  }

  async get(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    let current = parseUrl(url);
    const policy: AddressPolicy = {
      allowPrivate: this.options.allowPrivateNetworks,
      trustedHost: options.source ? parseUrl(options.source.url).hostname.toLowerCase() : null,
    };
    const { source } = options;
    const stored = options.conditional && source ? await this.deps.validators?.getValidators(source.id, url) : null;
    for (let hop = 0; ; hop++) {
      checkLiteralHost(current, policy);
      if (!options.skipRobots) await this.checkRobots(current, options);
      const res = await this.withRetries(current, policy, options, hop === 0 ? stored ?? null : null);
      const location = res.headers.location;
      if (REDIRECTS.has(res.status) && location) {
        if (hop >= this.options.maxRedirects) {
          throw new AppError('FETCH_REDIRECTS', `${url}: more than ${this.options.maxRedirects} redirects`);
        }
        current = parseUrl(location, current);
        continue;
      }
      return this.result(url, current, res, stored ?? null, source?.id ?? null);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close()));
    this.agents.clear();
  }

  private result(requested: string, final: URL, res: RawResponse, stored: Validators | null, sourceId: string | null): FetchResult {
    const notModified = res.status === 304;
    const contentType = res.headers['content-type'] ?? null;
    const decoded = notModified ? null : decodeBody(res.body, contentType ?? undefined);
    const etag = notModified ? stored?.etag ?? null : res.headers.etag ?? null;
    const lastModified = notModified ? stored?.lastModified ?? null : res.headers['last-modified'] ?? null;
    const validators = etag || lastModified ? { etag, lastModified } : null;
    const { validators: store, clock } = this.deps;
    return {
      url: final.href,
      status: res.status,
      notModified,
      contentType,
      headers: res.headers,
      body: res.body,
      text: decoded?.text ?? '',
      charset: decoded?.charset ?? null,
      validators,
      commitValidators: async () => {
        if (sourceId === null) return;
        await store?.saveValidators(sourceId, requested, { etag, lastModified, checkedAt: clock.now().toISOString() });
      },
    };
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

  /** One hop, retried on 429/5xx/network errors with backoff, honouring Retry-After. */
  private async withRetries(url: URL, policy: AddressPolicy, options: FetchOptions, validators: Validators | null): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      let failure: AppError;
      let retryAfter: number | null = null;
      try {
        const res = await this.gate.run(url.host, () => this.requestOnce(url, policy, options, validators)).then(
          (r) => (this.deps.onFetch?.(url.href, r.status), r),
          (err: unknown) => {
            this.deps.onFetch?.(url.href, 'error');
            throw err;
          },
        );
        if (res.status < 400 || (res.status < 500 && res.status !== 429)) {
          if (res.status >= 400) throw new AppError('FETCH_REJECTED', `${url.href}: HTTP ${res.status}`);
          return res;
        }
        failure = new AppError('FETCH_FAILED', `${url.href}: HTTP ${res.status}`);
        retryAfter = parseRetryAfter(res.headers['retry-after'], this.deps.clock.now());
      } catch (err) {
        failure = failureFrom(err, url.href, options.signal);
      }
      if (!failure.retryable || attempt >= this.options.retries || options.signal?.aborted) throw failure;
      if (retryAfter !== null && retryAfter > this.options.maxRetryAfterMs) throw failure;
      const delay = retryAfter ?? backoffDelay(attempt, this.options.retryBaseMs, this.deps.random);
      this.deps.log.debug({ url: url.href, attempt, delay, err: failure }, 'fetch retry');
      await sleep(delay, options.signal);
    }
  }

  private async requestOnce(url: URL, policy: AddressPolicy, options: FetchOptions, validators: Validators | null): Promise<RawResponse> {
    const signals = [AbortSignal.timeout(this.options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: options.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const res = await request(url, { method: 'GET', headers, dispatcher: this.agentFor(policy), signal: AbortSignal.any(signals) });
    const flat = flattenHeaders(res.headers);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      res.body.resume();
      return { status: res.statusCode, headers: flat, body: Buffer.alloc(0) };
    }
    const length = Number(flat['content-length']);
    if (length > this.options.maxBytes) {
      res.body.destroy();
      throw new AppError('FETCH_TOO_LARGE', `${url.href}: response of ${length} bytes is over the ${this.options.maxBytes} byte cap`);
    }
    const body = await readBody(res.body as Readable, {
      contentEncoding: flat['content-encoding'],
      maxBytes: this.options.maxBytes,
      maxRatio: this.options.maxDecompressionRatio,
      url: url.href,
    });
    return { status: res.statusCode, headers: flat, body };
  }

  private agentFor(policy: AddressPolicy): Dispatcher {
    const key = `${policy.allowPrivate}|${policy.trustedHost ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({
        connect: { timeout: this.options.connectTimeoutMs, lookup: guardedLookup(policy, this.deps.resolve) },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

function parseUrl(url: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new AppError('INPUT_INVALID', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('INPUT_INVALID', `not an http(s) URL: ${url}`);
  }
  parsed.hash = '';
  return parsed;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('FETCH_FAILED', 'fetch aborted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new AppError('FETCH_FAILED', 'fetch aborted'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
