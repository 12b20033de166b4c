// The Express app, built without listening so that tests need no port.
import type { RequestListener } from 'node:http';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors.js';
import { apiRoutes } from './api-routes.js';
import { feedResponder, feedRoutes, type FeedResponder, type FeedResponderOptions } from './feed-routes.js';
import { healthFeedRoutes } from './health-feed-routes.js';
import { healthRoutes } from './health-routes.js';
import { pageRoutes } from './page-routes.js';
import { pushRoutes } from './push-routes.js';
import { storyLifecycleRoutes } from './story-lifecycle-routes.js';
import { FILTER_RATE_LIMIT, filterRenderLimit, rateLimit } from './rate-limit.js';
import { requestObserver } from './request-log.js';
import type { ServerDeps } from './server-deps.js';
import { statusPage } from './status-page.js';

export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Read once, like the buckets: the client address the rate limit and the logs see.
  app.set('trust proxy', deps.config.global.api.trustProxy);
  const observe = observer(deps);
  app.use((req, res, next) => {
    observe(req, res);
    next();
  });
  // A render that runs ?filter= patterns may cost a render thread its filter budget: a
  // per-client limit on them (the bare listener hands them to Express, see createListener).
  app.use(liveFeedResponder(deps, { filteredRender: filterRenderLimit(FILTER_RATE_LIMIT, deps.clock) })); // first: the hot path for feed readers and aggregators
  // Read once: the buckets outlive hot reloads (api.rateLimit changes need a restart).
  app.use('/api', rateLimit(deps.config.global.api.rateLimit, deps.clock));
  app.use(healthRoutes(deps));
  const { metrics } = deps;
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  app.use(liveRoutes(deps));
  app.use(readOnlyPaths);
  app.use((_req, _res, next) => next(new AppError('FEED_NOT_FOUND', 'not found')));
  app.use(errorHandler(deps));
  return app;
}

/**
 * The node:http listener: feed documents are answered before Express, whose per-request
 * setup (prototype swaps on req/res) alone costs several times what a bare node:http
 * server spends on a cached feed. Anything else, and any feed request that fails, goes
 * to Express, whose own (same) feed responder then reports the error.
 */
export function createListener(deps: ServerDeps, web: express.Express): RequestListener {
  const observe = observer(deps);
  const respond = liveFeedResponder(deps, { filteredRender: 'pass' });
  return (req, res) => {
    observe(req, res, false); // the feed responder writes X-Request-Id itself; Express sets it otherwise
    respond(req, res, () => web(req, res));
  };
}

function observer(deps: ServerDeps) {
  const feeds = () => deps.live?.().feeds ?? deps.feeds;
  return requestObserver({ log: deps.log, metrics: deps.metrics, feedExists: (id) => feeds().some((f) => f.id === id) });
}

/** The deps of the current config: a snapshot that changes only with a hot reload. */
function snapshotOf(deps: ServerDeps): ServerDeps {
  return deps.live ? { ...deps, ...deps.live() } : deps;
}

/**
 * Builds `make(deps)` for the current config and rebuilds it after a reload: routes and
 * the feed responder keep lookup maps made once from their config snapshot.
 */
function perConfig<T>(deps: ServerDeps, make: (deps: ServerDeps) => T): () => T {
  let built: { config: AppConfig; value: T } | undefined;
  return () => {
    const snapshot = snapshotOf(deps);
    if (built?.config !== snapshot.config) built = { config: snapshot.config, value: make(snapshot) };
    return built.value;
  };
}

function liveFeedResponder(deps: ServerDeps, options?: FeedResponderOptions): FeedResponder {
  const current = perConfig(deps, (d) => feedResponder(d, options));
  return (req, res, next) => current()(req, res, next);
}

/** Everything else that depends on the config. */
function liveRoutes(deps: ServerDeps): RequestHandler {
  const current = perConfig(deps, (d) => {
    const router = Router();
    router.use(feedRoutes(d));
    router.use(healthFeedRoutes(d));
    router.use(pageRoutes(d));
    router.use(pushRoutes(d));
    router.use(storyLifecycleRoutes(d));
    router.use(apiRoutes(d));
    router.use(statusPage(d));
    return router;
  });
  return (req, res, next) => current()(req, res, next);
}

/** Feed and page URLs only read: another method there is a 405 with Allow (RFC 9110 §15.5.6), not a 404. */
const READ_ONLY = /^\/(?:$|feeds(?:\.opml|\/[^/]+)$|stories\/[^/]+$|status$|healthz$|readyz$|metrics$)/;

const readOnlyPaths: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || !READ_ONLY.test(req.path)) return next();
  res.set('Allow', 'GET, HEAD');
  next(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET or HEAD`));
};

/** Maps error codes to statuses; never leaks a stack to a client. */
function errorHandler(deps: ServerDeps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError;
    const status = known ? err.status : typeof err?.status === 'number' && err.status < 500 ? err.status : 500;
    if (status >= 500) deps.log.error({ err, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    if (known && err.code === 'UNAUTHORIZED') res.set('WWW-Authenticate', 'Bearer realm="wirefeed"');
    res
      .status(status)
      .json({ error: known ? err.code : status < 500 ? 'BAD_REQUEST' : 'INTERNAL', message: known || status < 500 ? err.message : 'internal error' });
  };
}
