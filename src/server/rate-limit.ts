// Per-client-IP token buckets, for /api/* and for feed renders that run ?filter= patterns:
// a client may send `burst` requests at once, then `perMinute` a minute. Hand-written because the usual middleware (express-rate-limit)
// counts fixed windows, which let a client send twice the limit across a window edge;
// a bucket is a dozen lines and keeps the clock injectable.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';

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

/** A token from `key`'s bucket: 0 when there was one, else whole seconds until there is. */
function tokenBuckets(options: RateLimitOptions, clock: Clock): (key: string) => number {
  const buckets = new Map<string, Bucket>();
  const perMs = options.perMinute / 60_000;
  const maxClients = options.maxClients ?? 10_000;
  return (key) => {
    const now = clock.now().getTime();
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
    buckets.delete(key); // re-inserted below: Map order is then least recently used first
    bucket.tokens = Math.min(options.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    // RFC 9110 §10.2.3: whole seconds until one token is back.
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  };
}

const clientOf = (req: IncomingMessage) => (req as Partial<Request>).ip ?? req.socket.remoteAddress ?? 'unknown';

export function rateLimit(options: RateLimitOptions, clock: Clock) {
  const take = tokenBuckets(options, clock);
  return (req: Request, res: Response, next: NextFunction): void => {
    const seconds = take(clientOf(req));
    if (seconds === 0) return next();
    res.setHeader('Retry-After', String(seconds));
    next(new AppError('RATE_LIMITED', `too many requests: retry in ${seconds} s`));
  };
}

/**
 * Feed renders that run ?filter= patterns, per client: each may cost a render thread its
 * whole filter budget (200 ms), where a cached feed costs microseconds. Cached answers do
 * not count, so a reader polling a few filtered feeds never meets it; a client spraying
 * new patterns waits.
 */
export const FILTER_RATE_LIMIT: RateLimitOptions = { burst: 30, perMinute: 60 };

/** The feed responder's `filteredRender` check: throws RATE_LIMITED (with Retry-After set) past the limit. */
export function filterRenderLimit(options: RateLimitOptions, clock: Clock): (req: IncomingMessage, res: ServerResponse) => void {
  const take = tokenBuckets(options, clock);
  return (req, res) => {
    const seconds = take(clientOf(req));
    if (seconds === 0) return;
    res.setHeader('Retry-After', String(seconds));
    throw new AppError('RATE_LIMITED', `too many filtered feed requests: retry in ${seconds} s`);
  };
}
