// The operator API: source status, and manual runs behind ADMIN_TOKEN.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { AppError } from '../errors.js';
import { requestId } from './request-log.js';
import type { ServerDeps } from './server-deps.js';
import { sourceReports } from './source-report.js';

export function apiRoutes(deps: ServerDeps): Router {
  const router = Router();

  router.get('/api/sources', async (req, res) => {
    const reports = await sourceReports(deps, deps.clock.now(), { fullErrors: hasAdminToken(deps.adminToken, req.get('authorization')) });
    res.set('Cache-Control', 'no-store').json(reports.map((r) => r.report));
  });

  router.post('/api/sources/:id/run', async (req: Request<{ id: string }>, res) => {
    authorizeAdmin(deps.adminToken, req.get('authorization'));
    if (!deps.scheduler) throw new AppError('SOURCE_NOT_FOUND', 'this process runs no sources');
    const { id } = req.params;
    // Rejects with SOURCE_NOT_FOUND / RUN_IN_PROGRESS (here or on another worker) before anything starts.
    const { outcome } = await deps.scheduler.startRun(id);
    outcome.catch((err: unknown) => deps.log.error({ err, source: id }, 'manual run failed'));
    deps.log.info({ source: id, reqId: requestId(req) }, 'manual run requested');
    res.status(202).json({ status: 'started', sourceId: id });
  });

  router.post('/api/sources/:id/resume', async (req: Request<{ id: string }>, res) => {
    authorizeAdmin(deps.adminToken, req.get('authorization'));
    const { id } = req.params;
    if (!deps.config.sources.some((s) => s.id === id)) throw new AppError('SOURCE_NOT_FOUND', `no source "${id}"`);
    const resumed = await deps.store.resumeSource(id);
    deps.log.info({ source: id, resumed, reqId: requestId(req) }, 'source resume requested');
    res.json({ status: resumed ? 'resumed' : 'not paused', sourceId: id });
  });

  return router;
}

/**
 * Bearer ADMIN_TOKEN, compared in constant time (both sides hashed first, so that
 * neither the content nor the length leaks through timing). Every refusal looks alike.
 */
export function authorizeAdmin(expected: string | undefined, header: string | undefined): void {
  if (!expected) throw new AppError('ADMIN_DISABLED', 'the admin API is disabled: set ADMIN_TOKEN');
  if (!hasAdminToken(expected, header)) throw new AppError('UNAUTHORIZED', 'unauthorized');
}

/** Whether `header` carries ADMIN_TOKEN (never, when none is set): for pages that show more to the operator. */
export function hasAdminToken(expected: string | undefined, header: string | undefined): boolean {
  if (!expected) return false;
  const given = /^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
