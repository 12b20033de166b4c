import { Router } from 'express';
import type { ServerDeps } from './server-deps.js';

export function healthRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready = the store answers and, in a process that schedules, the scheduler is running.
  router.get('/readyz', async (_req, res) => {
    const scheduler = deps.scheduler?.status() ?? 'off';
    try {
      await deps.store.ping();
    } catch (err) {
      deps.log.warn({ err }, 'store not reachable');
      res.status(503).json({ status: 'unavailable', reason: 'store not reachable', scheduler });
      return;
    }
    if (scheduler === 'stopped') {
      res.status(503).json({ status: 'unavailable', reason: 'scheduler stopped', scheduler });
      return;
    }
    res.json({ status: 'ready' });
  });
  return router;
}
