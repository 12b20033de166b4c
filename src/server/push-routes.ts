// POST /api/sources/:id/stories: push ingest. Checks run cheapest first and before the
// body is read: unknown source (404), token (401), Content-Type (415), size (413). The
// body is parsed on a parse thread and its stories stored in slices: a 5 MiB push must
// not stall the feeds this process serves.
import { createHash, timingSafeEqual } from 'node:crypto';
import { TextDecoder } from 'node:util';
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import type { SourceOf } from '../config/schema.js';
import { AppError } from '../errors.js';
import { yieldEvery } from '../yield-every.js';
import { parserOf } from '../sources/parser.js';
import { pushBodyKind } from '../sources/push.js';
import type { ServerDeps } from './server-deps.js';

type PushRequest = Request<{ id: string }> & { pushSource?: SourceOf<'push'> };

export function pushRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post('/api/sources/:id/stories', authorize(deps), readBody, async (req: PushRequest, res: Response) => {
    const source = req.pushSource!;
    const kind = pushBodyKind(req.get('content-type'));
    const body = decode(req.body as Buffer, req.get('content-type'));
    const ctx = { source: { id: source.id, normalize: source.normalize, language: source.language }, slug: req.get('slug') };
    const stories = await parserOf(deps).push({ body, kind, ctx });
    const now = deps.clock.now();
    const results = [];
    const yieldIfDue = yieldEvery();
    for (const story of stories) {
      await yieldIfDue();
      results.push({ id: story.id, result: await deps.store.upsertStory(story, now) });
    }
    deps.log.info({ source: source.id, stories: results.length, new: results.filter((r) => r.result === 'new').length }, 'stories pushed');
    for (const kind of ['new', 'updated'] as const) deps.metrics?.observeIngest(source.id, kind, results.filter((r) => r.result === kind).length);
    res.status(201).json({ ids: results.map((r) => r.id), stories: results });
  });
  router.use('/api/sources/:id/stories', pushErrors);
  return router;
}

function authorize(deps: ServerDeps) {
  return (req: PushRequest, _res: Response, next: NextFunction) => {
    // Read per request: the config may be replaced while the server runs.
    const source = deps.config.sources.find((s): s is SourceOf<'push'> => s.id === req.params.id && s.type === 'push');
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
