// POST /api/sources/:id/stories: push ingest. Checks run cheapest first and before the
// body is read: unknown source (404), token (401), Content-Type (415), size (413). The
// body is parsed on a parse thread, all or nothing, and its stories go through the same
// ingest as any source run (stored in slices, the run recorded): a 5 MiB push must not
// stall the feeds this process serves.
import { createHash, timingSafeEqual } from 'node:crypto';
import { TextDecoder } from 'node:util';
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../errors.js';
import { ingest, storeSink, type RunProgress } from '../schedule/ingest.js';
import { parserOf } from '../sources/parser.js';
import { pushBodyKind, type PushSource } from '../sources/push.js';
import { storyContext } from '../sources/story-context.js';
import type { UpsertResult } from '../store/store.js';
import type { ServerDeps } from './server-deps.js';

type PushRequest = Request<{ id: string }> & { pushSource?: PushSource };

export function pushRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post('/api/sources/:id/stories', authorize(deps), readBody, async (req: PushRequest, res: Response) => {
    const source = req.pushSource!;
    const kind = pushBodyKind(req.get('content-type'));
    const body = decode(req.body as Buffer, req.get('content-type'));
    const ctx = storyContext(source, deps.config.global);
    const stories = await parserOf(deps).push({ push: { body, kind, slug: req.get('slug') }, ctx });
    const results: { id: string; result: UpsertResult }[] = [];
    const items = async function* () {
      for (const story of stories) yield { ref: story.id, story };
    };
    const onProgress: RunProgress = (e) => {
      if (e.kind === 'stored') results.push({ id: e.story.id, result: e.result });
    };
    const outcome = await ingest(source.id, items, { sink: storeSink(deps.store), runs: deps.store, log: deps.log, clock: deps.clock }, { onProgress });
    // Stories that were parsed are stored whole or the request fails: a store error is a 500, never a partial 201.
    if (outcome.error) throw new Error(`push not stored: ${outcome.error}`);
    deps.metrics?.observeRun(outcome);
    res.status(201).json({ ids: results.map((r) => r.id), stories: results });
  });
  router.use('/api/sources/:id/stories', pushErrors);
  return router;
}

function authorize(deps: ServerDeps) {
  return (req: PushRequest, _res: Response, next: NextFunction) => {
    // Read per request: the config may be replaced while the server runs.
    const source = deps.config.sources.find((s): s is PushSource => s.id === req.params.id && s.type === 'push');
    if (!source || !source.enabled) return next(new AppError('SOURCE_NOT_FOUND', `no push source "${req.params.id}"`));
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !sameSecret(token, source.token)) return next(new AppError('UNAUTHORIZED', 'missing or wrong Bearer token'));
    pushBodyKind(req.get('content-type'));
    req.pushSource = source;
    next();
  };
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function readBody(req: PushRequest, res: Response, next: NextFunction): void {
  // Any Content-Type: the route already refused the ones it does not read.
  express.raw({ type: () => true, limit: req.pushSource!.maxBytes })(req, res, (err?: unknown) => {
    const e = err as { type?: string; status?: number } | undefined;
    if (e?.type === 'entity.too.large') return next(new AppError('PAYLOAD_TOO_LARGE', `body over ${req.pushSource!.maxBytes} bytes`));
    if (e?.type === 'encoding.unsupported') return next(new AppError('MEDIA_UNSUPPORTED', 'unsupported Content-Encoding'));
    if (e) return next(new AppError('INPUT_INVALID', 'could not read the request body', { cause: err }));
    next();
  });
}

function decode(body: Buffer | undefined, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new AppError('MEDIA_UNSUPPORTED', `unsupported charset "${charset}"`);
  }
  try {
    return decoder.decode(body ?? Buffer.alloc(0));
  } catch {
    throw new AppError('INPUT_INVALID', `body is not valid ${charset}`, { details: [`(body): not valid ${charset}`] });
  }
}

/** Push clients get the field paths of what was wrong (the app's handler keeps to code + message). */
const pushErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof AppError) || err.status >= 500) return next(err);
  if (err.code === 'UNAUTHORIZED') res.set('WWW-Authenticate', 'Bearer realm="wirefeed"');
  res.status(err.status).json({ error: err.code, message: err.message, ...(err.details.length ? { details: err.details } : {}) });
};
