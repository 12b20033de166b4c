// The Express app, built without listening so that tests need no port.
import type { RequestListener } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { AppError } from '../errors.js';
import { feedResponder, feedRoutes } from './feed-routes.js';
import { healthRoutes } from './health-routes.js';
import { pageRoutes } from './page-routes.js';
import { pushRoutes } from './push-routes.js';
import { rateLimit } from './rate-limit.js';
import type { ServerDeps } from './server-deps.js';

export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(feedResponder(deps)); // first: the hot path for feed readers and aggregators
  app.use('/api', rateLimit(deps.config.global.api.rateLimit, deps.clock));
  app.use(healthRoutes(deps));
  app.use(feedRoutes(deps));
  app.use(pageRoutes(deps));
  app.use(pushRoutes(deps));
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
  const respond = feedResponder(deps);
  return (req, res) => respond(req, res, () => web(req, res));
}

/** Maps error codes to statuses; never leaks a stack to a client. */
function errorHandler(deps: ServerDeps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError;
    const status = known ? err.status : typeof err?.status === 'number' && err.status < 500 ? err.status : 500;
    if (status >= 500) deps.log.error({ err, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    res
      .status(status)
      .json({ error: known ? err.code : status < 500 ? 'BAD_REQUEST' : 'INTERNAL', message: known || status < 500 ? err.message : 'internal error' });
  };
}
