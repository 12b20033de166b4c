// GET /feeds/_health.{rss,atom,json}: the operator feed of health changes. Public like
// every feed, so reasons and examples are redacted like run errors on /status.
import { Router } from 'express';
import { AppError } from '../errors.js';
import { buildHealthFeed, HEALTH_FEED_ENTRIES, HEALTH_FEED_ID } from '../publish/health-feed.js';
import { contentType, formatByExtension } from '../publish/formats.js';
import type { HealthEvent } from '../store/store.js';
import { ownHosts, redactRunError } from './redact-error.js';
import type { ServerDeps } from './server-deps.js';

export function healthFeedRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get(/^\/feeds\/_health\.([a-z]+)$/, async (req, res) => {
    const spec = formatByExtension((req.params as Record<string, string>)[0] ?? '');
    if (!spec) throw new AppError('FEED_NOT_FOUND', 'no such format of the health feed');
    const { global, sources } = deps.config;
    const hosts = new Map(sources.map((s) => [s.id, ownHosts(s)]));
    const redact = (text: string | null, sourceId: string) => (text === null ? null : redactRunError(text, hosts.get(sourceId) ?? new Set()));
    const events: HealthEvent[] = (await deps.store.healthEvents(HEALTH_FEED_ENTRIES)).map((e) => ({ ...e, reason: redact(e.reason, e.sourceId)!, example: redact(e.example, e.sourceId) }));
    const firstServed = await deps.store.firstServed(HEALTH_FEED_ID, deps.clock.now());
    const model = buildHealthFeed(events, { title: global.title, baseUrl: global.baseUrl, format: spec.id, firstServed });
    // Express answers If-None-Match with a 304 from the body's ETag.
    res.set('Cache-Control', 'max-age=60').type(contentType(spec.id)).send(spec.render(model));
  });
  return router;
}
