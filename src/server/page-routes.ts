import { Router } from 'express';
import { escapeHtml } from '../escape-html.js';
import { feedLinks } from '../publish/feed-url.js';
import type { ServerDeps } from './server-deps.js';

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

  return router;
}
