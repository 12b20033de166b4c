// A feed document in one format of the registry (formats.ts).
import type { FeedModel } from './feed-model.js';
import { formatSpec, type FeedFormat } from './formats.js';

/** Pure: the same model always gives the same bytes (no clock, no randomness). */
export function renderFeed(feed: FeedModel, format: FeedFormat): string {
  return formatSpec(format).render(feed);
}
