import { Router } from 'express';
import { escapeHtml } from '../escape-html.js';
import { AppError } from '../errors.js';
import { feedLinks } from '../publish/feed-url.js';
import { RenderCache } from '../publish/render-cache.js';
import { renderStoryDocument } from '../publish/story-document.js';
import { matchStoryPath } from '../publish/story-url.js';
import { storyUpdates } from '../publish/story-diff.js';
import { storyView } from '../publish/story-views.js';
import { prepareBody, RENDER_CACHE_LIMITS, type PreparedBody } from './prepared-body.js';
import { sendPrepared } from './send-prepared.js';
import { assertStoryShown } from './story-visibility.js';
import type { ServerDeps } from './server-deps.js';

/** Story pages change when the story does (the ETag follows); caches may keep them this long. */
const STORY_MAX_AGE_SECONDS = 300;

/** Operator- and reader-facing HTML pages; no scripts, no external assets. The feed previews are served with the feeds (feed-routes.ts). */
export function pageRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { title, baseUrl } = deps.config.global;

  router.get('/', (_req, res) => {
    const alternates = deps.feeds.flatMap((f) =>
      feedLinks(baseUrl, f.id).map(
        (l) => `<link rel="alternate" type="${l.mediaType}" title="${escapeHtml(f.title)} (${l.format})" href="${escapeHtml(l.href)}">`,
      ),
    );
    // Relative links in the list, as before: the page works behind any host name.
    const rows = deps.feeds.map(
      (f) =>
        `<li><a href="/feeds/${f.id}"><strong>${escapeHtml(f.title)}</strong></a> — ${escapeHtml(f.description)}: ` +
        feedLinks('', f.id)
          .map((l) => `<a href="${l.href}">${l.format.toUpperCase()}</a>`)
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

  // /stories/<id> and its other views (story-views.ts): rendered once per stored version
  // of the story (its lastChanged), then served like a cached feed, 304s included.
  const stories = new RenderCache<PreparedBody>({ ...RENDER_CACHE_LIMITS, maxEntries: 500, maxBytes: 32 * 1024 * 1024 });
  router.get('/stories/:file', async (req, res, next) => {
    const path = matchStoryPath(req.path);
    const view = path && storyView(path.extension);
    if (!path || !view) return next();
    const row = await deps.store.storyRow(path.id);
    if (!row) throw new AppError('STORY_NOT_FOUND', `no story "${path.id}"`);
    // Embargoed: not before its time; withdrawn: only its ninjs item, which says canceled.
    assertStoryShown(row.json, deps.clock.now(), path.extension === 'ninjs');
    const key = `${path.id}${path.extension ? `.${path.extension}` : ''}`;
    const body = await stories.get(key, row.lastChanged, async () =>
      prepareBody(renderStoryDocument(row, view, { baseUrl, siteName: title, feeds: deps.feeds, updates: storyUpdates(await deps.store.storyHistory(path.id)) }), {
        contentType: `${view.mediaType}; charset=utf-8`,
        maxAgeSeconds: STORY_MAX_AGE_SECONDS,
      }),
    );
    sendPrepared(req, res, body);
  });

  return router;
}
