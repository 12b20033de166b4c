import { Router } from 'express';
import { escapeHtml } from '../normalize/html-text.js';
import { buildFeedModel, feedUrl } from '../publish/feed-model.js';
import { renderPreviewPage } from '../publish/preview-page.js';
import { AppError } from '../errors.js';
import type { ServerDeps } from './server-deps.js';
import { CONTENT_TYPES } from './feed-routes.js';

/** Operator- and reader-facing HTML pages; no scripts, no external assets. */
export function pageRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { title, baseUrl } = deps.config.global;

  router.get('/', (_req, res) => {
    const alternates = deps.feeds.flatMap((f) =>
      (['rss', 'atom', 'json'] as const).map(
        (fmt) =>
          `<link rel="alternate" type="${CONTENT_TYPES[fmt].split(';')[0]}" title="${escapeHtml(f.title)} (${fmt})" href="${escapeHtml(feedUrl(baseUrl, f.id, fmt))}">`,
      ),
    );
    const rows = deps.feeds.map(
      (f) =>
        `<li><a href="/feeds/${f.id}"><strong>${escapeHtml(f.title)}</strong></a> — ${escapeHtml(f.description)}: ` +
        (['rss', 'atom', 'json'] as const)
          .map((fmt) => `<a href="/feeds/${f.id}.${fmt}">${fmt.toUpperCase()}</a>`)
          .join(' · ') +
        '</li>',
    );
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${alternates.join('\n')}
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>${deps.feeds.length} feeds. <a href="/feeds.opml">OPML</a></p>
<ul>
${rows.join('\n')}
</ul>
</body></html>`);
  });

  // A readable preview of the latest stories; feed documents themselves never reach here.
  router.get('/feeds/:id', async (req, res) => {
    // Never echo the requested id: it is attacker-chosen text.
    const def = deps.feeds.find((f) => f.id === req.params.id);
    if (!def) throw new AppError('FEED_NOT_FOUND', 'no such feed');
    const [stories, state] = await Promise.all([
      deps.store.listStories({ sourceIds: def.sourceIds, limit: Math.min(def.limit, 20) }),
      deps.store.feedState(def.sourceIds),
    ]);
    const model = buildFeedModel(def, stories, { baseUrl, format: 'rss', lastChanged: state.lastChanged });
    res.type('html').set('Cache-Control', 'public, max-age=60').send(renderPreviewPage(model));
  });

  return router;
}
