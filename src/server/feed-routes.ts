import { Router, type Request, type Response } from 'express';
import { AppError } from '../errors.js';
import { buildFeedModel, FEED_FORMATS, type FeedFormat } from '../publish/feed-model.js';
import { renderFeed } from '../publish/render-feed.js';
import { renderOpml } from '../publish/opml.js';
import type { ServerDeps } from './server-deps.js';

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FEED_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.(rss|atom|json)$/;

export function feedRoutes(deps: ServerDeps): Router {
  const router = Router();
  const byId = new Map(deps.feeds.map((f) => [f.id, f]));

  router.get('/feeds.opml', (_req, res) => {
    const { global } = deps.config;
    res.type('text/x-opml; charset=utf-8').send(renderOpml(global.title, global.baseUrl, deps.feeds, deps.clock.now()));
  });

  router.get('/feeds/:file', async (req: Request<{ file: string }>, res: Response) => {
    const match = FEED_FILE.exec(req.params.file);
    if (!match) throw new AppError('FEED_NOT_FOUND', 'no such feed');
    const [, id, format] = match as unknown as [string, string, FeedFormat];
    const def = byId.get(id);
    if (!def || !FEED_FORMATS.includes(format)) throw new AppError('FEED_NOT_FOUND', `no feed "${id}"`);
    const items = await deps.store.listStories({ sourceIds: def.sourceIds, limit: def.limit });
    const model = buildFeedModel(def, items, {
      baseUrl: deps.config.global.baseUrl,
      format,
      now: deps.clock.now(),
      hub: deps.config.global.websub.hub,
    });
    res.set('Cache-Control', `public, max-age=${def.ttlMinutes * 60}`);
    res.set('Access-Control-Allow-Origin', '*');
    res.type(CONTENT_TYPES[format]).send(renderFeed(model, format));
  });

  return router;
}
