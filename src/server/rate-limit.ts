// Per-client-IP token buckets, for /api/* and for feed requests with ?filter= patterns: a
// client may send `burst` requests at once, then `perMinute` a minute. Hand-written because the usual middleware (express-rate-limit)
// counts fixed windows, which let a client send twice the limit across a window edge;
// a bucket is a dozen lines and keeps the clock injectable.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { hasQueryFilter } from '../publish/feed-query.js';

export interface RateLimitOptions {
  perMinute: number;
  burst: number;
  /** Buckets kept at most; the least recently used go first (a spray of addresses cannot grow memory). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function rateLimit(options: RateLimitOptions, clock: Clock) {
  const buckets = new Map<string, Bucket>();
  const perMs = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 10_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const now = clock.now().getTime();
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
    buckets.delete(key); // re-inserted below: Map order is then least recently used first
    bucket.tokens = Math.min(options.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    // RFC 9110 §10.2.3: whole seconds until one token is back.
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    res.setHeader('Retry-After', String(seconds));
    next(new AppError('RATE_LIMITED', `too many requests: retry in ${seconds} s`));
  };
}

/**
 * Feed requests with ?filter= patterns, per client: each may cost a render thread its whole
 * filter budget (200 ms), where a cached feed costs microseconds. Generous for a reader
 * polling a few filtered feeds; a client spraying patterns waits.
 */
export const FILTER_RATE_LIMIT: RateLimitOptions = { burst: 30, perMinute: 60 };

/** `rateLimit` for /feeds/ requests that carry a non-empty filter* parameter; others pass. */
export function filterRateLimit(options: RateLimitOptions, clock: Clock): RequestHandler {
  const limit = rateLimit(options, clock);
  return (req, res, next) => {
    const q = req.url.indexOf('?');
    if (q < 0 || !req.path.startsWith('/feeds/') || !hasQueryFilter(new URLSearchParams(req.url.slice(q + 1)))) return next();
    limit(req, res, next);
  };
}
