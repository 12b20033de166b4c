import { Router } from 'express';
import type { ServerDeps } from './server-deps.js';

export function healthRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch (err) {
      deps.log.warn({ err }, 'store not reachable');
      res.status(503).json({ status: 'unavailable', reason: 'store not reachable' });
    }
  });
  return router;
}
