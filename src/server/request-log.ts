// Request ids, one access log line per request, and feed-request metrics. Hand-written
// rather than pino-http: it must also wrap the feed hot path, which answers on the raw
// node:http response before Express, where pino-http's per-request child logger and
// listeners would cost more than the cached feed itself.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { matchFeedPath } from '../publish/feed-url.js';
import { isFeedFormat } from '../publish/formats.js';
import { UNKNOWN_FEED, type Metrics } from './metrics.js';

const ID = Symbol('wirefeed.requestId');
/** An id a proxy already assigned is kept when it looks like one, else a new UUID. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes and scrapes every few seconds would drown the useful lines. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

type Tagged = IncomingMessage & { [ID]?: string };

export function requestId(req: IncomingMessage): string | undefined {
  return (req as Tagged)[ID];
}

export interface RequestObserverDeps {
  log: Logger;
  metrics?: Metrics;
  /** Whether a feed id exists now (unknown ids share one metrics label). */
  feedExists: (id: string) => boolean;
}

/**
 * Tags the request with an id (also sent as X-Request-Id) and, when the response is
 * done, logs one line (headers never: they carry bearer tokens) and counts feed
 * requests. Idempotent, so the raw listener and Express may both call it.
 *
 * With `sendHeader` false the header is left to the caller: the feed hot path writes it
 * in its one writeHead with the prepared headers (requestId()), because a header set
 * beforehand sends Node's writeHead down its slow path (every prepared header through
 * setHeader again). A later call with `sendHeader` (Express) still sets it.
 */
export function requestObserver(deps: RequestObserverDeps): (req: IncomingMessage, res: ServerResponse, sendHeader?: boolean) => void {
  return (req, res, sendHeader = true) => {
    const tagged = req as Tagged;
    if (tagged[ID]) {
      if (sendHeader && !res.headersSent && !res.hasHeader('X-Request-Id')) res.setHeader('X-Request-Id', tagged[ID]);
      return;
    }
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    tagged[ID] = id;
    if (sendHeader) res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const feed = matchFeedPath(path);
      const status = res.statusCode;
      if (feed && deps.metrics) {
        const query = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('format');
        const format = feed.format ?? (query && isFeedFormat(query) ? query : 'html');
        deps.metrics.observeFeedRequest(deps.feedExists(feed.id) ? feed.id : UNKNOWN_FEED, format, status);
      }
      if (QUIET.has(path) && status < 500) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { reqId: id, method: req.method, url, status, ms: Math.round(ms * 10) / 10 };
      // Feed documents are the polled bulk: counted in /metrics, logged only at debug.
      if (status >= 500) deps.log.error(line, 'request completed');
      else if (feed && status < 400) deps.log.debug(line, 'request completed');
      else deps.log.info(line, 'request completed');
    });
  };
}
