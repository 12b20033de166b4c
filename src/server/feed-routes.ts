// Feed routes. The hot path (a cached feed) is written by hand on the raw response:
// feed state lookup, cache lookup, conditional check, one writeHead + end. Rendering,
// hashing and compression happen only on a miss, once per (feed, format, params, version).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import { AppError } from '../errors.js';
import type { FeedDefinition } from '../publish/feed-definitions.js';
import type { FilterSpec } from '../publish/feed-document.js';
import { canonicalQuery, parseFeedQuery, type FeedQuery } from '../publish/feed-query.js';
import { RenderCache } from '../publish/render-cache.js';
import { renderOpml } from '../publish/opml.js';
import { matchFeedPath } from '../publish/feed-url.js';
import { contentType, formatSpec, PRIMARY_FORMAT, type FeedFormat } from '../publish/formats.js';
import { configFilter, queryFilterCost } from '../publish/story-filter.js';
import type { FeedState, StoryQuery } from '../store/store.js';
import { inlineRenderer } from './feed-renderer.js';
import { FeedStatus } from './feed-status.js';
import { chooseEncoding, isNotModified } from './negotiate.js';
import { prepareBody, RENDER_CACHE_LIMITS, type PreparedBody } from './prepared-body.js';
import { FeedStateTurn } from './feed-state-turn.js';
import { ReadTurns } from './read-turns.js';
import { requestId } from './request-log.js';
import { selectStories } from './select-stories.js';
import type { ServerDeps } from './server-deps.js';
import { StoryListMemo } from './story-list-memo.js';

export const STALE_HEADER = 'X-Wirefeed-Stale-Since';
const PREVIEW_TYPE = 'text/html; charset=utf-8';

export interface FeedRequest {
  def: FeedDefinition;
  format: FeedFormat;
  query: FeedQuery;
  /** Render-cache key: feed, format and normalized parameters. */
  key: string;
  /** The feed's filters, or null when it has none. */
  filter: FilterSpec | null;
  /** The feed document, or the HTML preview page (/feeds/<id>; `format` is then the model's). */
  view: 'feed' | 'preview';
}

/** Stories on a preview page: enough to judge a feed by. */
const PREVIEW_STORIES = 20;

/** Parses /feeds/<id>.<extension>[?params] and /feeds/<id> (the preview); null when the path is no feed. */
export function parseFeedRequest(url: string, feeds: ReadonlyMap<string, FeedDefinition>, maxLimit: number): FeedRequest | null {
  const q = url.indexOf('?');
  const match = matchFeedPath(q < 0 ? url : url.slice(0, q));
  if (!match) return null;
  const { id, format: ext } = match;
  const params = q < 0 ? null : new URLSearchParams(url.slice(q + 1));
  const def = feeds.get(id);
  if (!def) throw new AppError('FEED_NOT_FOUND', `no feed "${id}"`);
  // /feeds/<id> without an extension is the HTML preview unless ?format= asks for a feed:
  // the feed's newest stories, its own filters applied, query parameters ignored.
  if (!ext && !params?.has('format')) {
    const query = { include: [], exclude: [], caseSensitive: true, limit: Math.min(def.limit, PREVIEW_STORIES) };
    return { def, format: PRIMARY_FORMAT, query, key: `${id}.preview`, filter: filterSpec(def, query), view: 'preview' };
  }
  const query = params ? parseFeedQuery(params, maxLimit) : { include: [], exclude: [], caseSensitive: true };
  if (ext && query.format && query.format !== ext) throw new AppError('INPUT_INVALID', `format=${query.format} contradicts .${formatSpec(ext).extension}`);
  const format = (ext ?? query.format)!;
  return { def, format, query, key: `${id}.${format}${canonicalQuery(query)}`, filter: filterSpec(def, query), view: 'feed' };
}

/**
 * The filters of a request, or null. Compiled here once to answer a bad pattern with a
 * 400 (or 422) before any read; they run on the render threads, which compile them from the spec.
 */
function filterSpec(def: FeedDefinition, query: FeedQuery): FilterSpec | null {
  const cost = queryFilterCost(query);
  if (configFilter(def) === null && cost === null) return null;
  return { config: { include: def.include, exclude: def.exclude }, query, cost: cost ?? 0 };
}

/** OPML of every feed. */
export function feedRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/feeds.opml', (_req, res) => {
    const { global } = deps.config;
    res.type('text/x-opml; charset=utf-8').send(renderOpml(global.title, global.baseUrl, deps.feeds, deps.clock.now()));
  });
  return router;
}

/**
 * The feed documents themselves. A plain (req, res, next) middleware mounted first, on
 * purpose: router layers and Express's res helpers are what the hot path avoids.
 */
export type FeedResponder = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

export interface FeedResponderOptions {
  /**
   * Before a render that runs ?filter= patterns (a cache miss, which may cost a render
   * thread its filter budget): a per-client limit that throws RATE_LIMITED, or 'pass' to
   * hand the request on (`next()`): the bare node:http listener does, so that Express,
   * which knows the client's address, applies the limit. Unset: no limit.
   */
  filteredRender?: 'pass' | ((req: IncomingMessage, res: ServerResponse) => void);
}

export function feedResponder(deps: ServerDeps, options: FeedResponderOptions = {}): FeedResponder {
  const byId = new Map(deps.feeds.map((f) => [f.id, f]));
  const renderer = deps.renderer ?? inlineRenderer();
  const cache = deps.renderCache ?? new RenderCache<PreparedBody>(RENDER_CACHE_LIMITS);
  const status = deps.feedStatus ?? new FeedStatus(deps.store);
  const { maxLimit } = deps.config.global.feeds;
  const parsed = new Map<string, FeedRequest | null>();
  const lists = new StoryListMemo();
  const turns = new ReadTurns();
  /** Feed id -> when it was first served: asked of the store once per process. */
  const firstServed = new Map<string, string>();
  const states = new FeedStateTurn(deps.store, deps.clock);
  const turnTaking = { listStoryRows: (q: StoryQuery) => turns.run(() => deps.store.listStoryRows(q)) };

  const respond: FeedResponder = (req, res, next) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith('/feeds/')) return next();
    let feedReq = parsed.get(url);
    if (feedReq === undefined) {
      try {
        feedReq = parseFeedRequest(url, byId, maxLimit);
      } catch (err) {
        return next(err);
      }
      // Aggregators poll the same few URLs: remember their parse (bounded, oldest out).
      if (parsed.size >= 1000) parsed.delete(parsed.keys().next().value as string);
      parsed.set(url, feedReq);
    }
    if (!feedReq) return next();
    // The hot path: state already read this turn, body cached, source status known:
    // answered here, without a promise.
    const state = states.peek(feedReq.def);
    if (state && answerCached(req, res, feedReq, state)) return;
    serveFeed(req, res, feedReq, next).catch(next);
  };

  /** filter_time is measured from the start of the current minute, so that the bytes (and the cache entry) stay stable within a minute and across processes. */
  const minuteOf = (r: FeedRequest) => (r.query.maxAgeSeconds === undefined ? 0 : Math.floor(deps.clock.now().getTime() / 60_000) * 60_000);
  const versionOf = (r: FeedRequest, state: FeedState, minute: number) =>
    r.query.maxAgeSeconds === undefined ? String(state.version) : `${state.version}@${minute}`;

  /** Answers from the cache when everything is at hand; false when something must be awaited. */
  function answerCached(req: IncomingMessage, res: ServerResponse, r: FeedRequest, state: FeedState): boolean {
    const body = cache.peek(r.key, versionOf(r, state, minuteOf(r)));
    if (!body) return false;
    const staleSince = status.peek(r.def.sourceIds);
    if (staleSince === undefined) return false;
    send(req, res, r, body, staleSince);
    return true;
  }

  async function serveFeed(req: IncomingMessage, res: ServerResponse, r: FeedRequest, next: () => void): Promise<void> {
    const state = await states.read(r.def);
    if (answerCached(req, res, r, state)) return;
    const minute = minuteOf(r);
    const version = versionOf(r, state, minute);
    const now = deps.clock.now();
    // An empty feed is dated when it was first served (stored, so bytes and ETag stay the
    // same across requests, processes and restarts), never the epoch.
    const lastChanged = state.lastChanged ?? (await feedFirstServed(r.def.id));
    let body = cache.peek(r.key, version);
    if (!body) {
      const limit = r.query.include.length > 0 || r.query.exclude.length > 0 ? options.filteredRender : undefined;
      if (limit === 'pass') return next();
      // Counted only when this request renders (not when it joins a render in flight).
      body = await cache.get(r.key, version, () => (limit?.(req, res), renderBody(r, version, lastChanged, minute, now)));
    }
    const known = status.peek(r.def.sourceIds);
    send(req, res, r, body, known === undefined ? await status.staleSince(r.def.sourceIds) : known);
  }

  /** One writeHead with the prepared headers (and the request id, see request-log.ts), one end. */
  function send(req: IncomingMessage, res: ServerResponse, r: FeedRequest, body: PreparedBody, staleSince: string | null): void {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const variant = body.variants[encoding];
    const notModified = isNotModified(req.headers, body, encoding);
    const prepared = notModified ? variant.headers304 : variant.headers200;
    const id = requestId(req);
    const headers = staleSince || id ? [...prepared, ...(staleSince ? [STALE_HEADER, new Date(staleSince).toUTCString()] : []), ...(id ? ['X-Request-Id', id] : [])] : prepared;
    res.writeHead(notModified ? 304 : 200, headers);
    res.end(notModified || req.method === 'HEAD' ? undefined : variant.bytes);
    if (r.view === 'feed') deps.onFeedResponse?.(r.def.id, r.format, notModified ? 304 : 200);
  }

  async function feedFirstServed(feedId: string): Promise<string> {
    let at = firstServed.get(feedId);
    if (at === undefined) {
      at = await deps.store.firstServed(feedId, deps.clock.now());
      firstServed.set(feedId, at);
    }
    return at;
  }

  async function renderBody(r: FeedRequest, version: string, lastChanged: string, minute: number, now: Date): Promise<PreparedBody> {
    const { def, format, query, filter, view } = r;
    // Story reads take turns with the other requests (ReadTurns), and the variants of one
    // version share them (StoryListMemo).
    const store = { listStoryRows: (q: StoryQuery) => lists.listStoryRows(turnTaking, q, version) };
    const selection = await selectStories(store, {
      sourceIds: def.sourceIds,
      limit: query.limit ?? def.limit,
      before: query.before,
      match: filter && ((rows, want, budgetMs) => renderer.match({ rows, filter, want, budgetMs })),
      notBefore: query.maxAgeSeconds === undefined ? undefined : new Date(minute - query.maxAgeSeconds * 1000).toISOString(),
      visibleAt: now.toISOString(),
    });
    const doc = await renderer.render({
      def,
      view,
      rows: selection.rows,
      options: {
        baseUrl: deps.config.global.baseUrl,
        format,
        hub: deps.config.global.websub.hub,
        lastChanged,
        query: canonicalQuery(query),
        nextQuery: selection.next ? canonicalQuery(query, { before: selection.next }) : undefined,
        summaryLength: query.summaryLength,
      },
    });
    return prepareBody(doc, { contentType: view === 'preview' ? PREVIEW_TYPE : contentType(format), maxAgeSeconds: def.ttlMinutes * 60 });
  }

  return respond;
}
