// One renderer per output format; adding a format = one module + one line here.
import type { FeedFormat, FeedModel } from './feed-model.js';
import { renderAtom } from './render-atom.js';
import { renderJson } from './render-json.js';
import { renderRss } from './render-rss.js';

export const RENDERERS: Record<FeedFormat, (feed: FeedModel) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJson,
};

/** Pure: the same model always gives the same bytes (no clock, no randomness). */
export function renderFeed(feed: FeedModel, format: FeedFormat): string {
  return RENDERERS[format](feed);
}
