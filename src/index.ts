// The library API (docs/design.md): import { ... } from 'wirefeed'.
export type { Story, RawStory, Dateline, Credit, StoryImage, StoredStory } from './story.js';
export { parseTextStory } from './normalize/parse-text-story.js';
export { parseNitfStory } from './normalize/parse-nitf-story.js';
export { normalizeStory } from './normalize/normalize-story.js';
export { extractStory, type ExtractStoryOptions } from './normalize/extract-story.js';
export { createHttpClient, type HttpClient, type FetchOptions, type FetchResult } from './fetch/http-client.js';
export { renderFeed } from './publish/render-feed.js';
export type { FeedModel } from './publish/feed-model.js';
export type { FeedFormat } from './publish/formats.js';
export { createApp, listen } from './app.js';
export { SqliteStore } from './store/sqlite.js';
export type { Store } from './store/store.js';
