import { escapeHtml } from '../escape-html.js';
import type { FeedDefinition } from './feed-definitions.js';
import { feedUrl } from './feed-url.js';
import { PRIMARY_FORMAT } from './formats.js';

/**
 * OPML 2.0 listing every feed (primary format's URL as xmlUrl, preview page as htmlUrl).
 * `type="rss"` is OPML's word for "a feed subscription", whatever the feed's format.
 */
export function renderOpml(title: string, baseUrl: string, defs: readonly FeedDefinition[], now: Date): string {
  const outlines = defs.map(
    (d) =>
      `    <outline type="rss" text="${escapeHtml(d.title)}" title="${escapeHtml(d.title)}" xmlUrl="${escapeHtml(
        feedUrl(baseUrl, d.id, PRIMARY_FORMAT),
      )}" htmlUrl="${escapeHtml(feedUrl(baseUrl, d.id))}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeHtml(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
