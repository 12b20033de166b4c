// The story lifecycle API: GET /api/stories/:id/versions (every version, with what each
// changed), and DELETE /api/sources/:id/stories/:key, which withdraws a pushed story
// (Bearer: the push source's token, as for pushing, or ADMIN_TOKEN). Withdrawing goes
// through the store's one story write, as a NITF cancel or a kill notice does.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { AppError } from '../errors.js';
import { diffStories } from '../publish/story-diff.js';
import type { PushSource } from '../sources/push.js';
import { storyId } from '../story.js';
import type { ServerDeps } from './server-deps.js';

const STORY_ID = /^[0-9a-f]{24}$/;
const DEFAULT_REASON = 'withdrawn by its source';

export function storyLifecycleRoutes(deps: ServerDeps): Router {
  const router = Router();

  router.get('/api/stories/:id/versions', async (req: Request<{ id: string }>, res) => {
    const history = STORY_ID.test(req.params.id) ? await deps.store.storyHistory(req.params.id) : null;
    const admin = isAdmin(deps.adminToken, req.get('authorization'));
    const current = history?.versions.at(-1)?.story;
    // Held back: it does not exist for the public until its time.
    if (!history || !current || (!admin && history.embargoUntil && history.embargoUntil > deps.clock.now().toISOString())) {
      throw new AppError('STORY_NOT_FOUND', `no story "${req.params.id}"`);
    }
    // A withdrawn story's text is for the operator only; what happened when stays public.
    const withText = admin || !current.withdrawn;
    res.set('Cache-Control', 'no-store').json({
      id: req.params.id,
      sourceId: history.sourceId,
      firstSeen: history.firstSeen,
      embargoUntil: history.embargoUntil,
      withdrawn: current.withdrawn ?? null,
      versions: history.versions.map((v, i) => ({
        version: v.version,
        storedAt: v.storedAt,
        runId: v.runId,
        changes: v.changes,
        note: v.note,
        ...(withText ? { title: v.story.title, diff: i === 0 ? {} : diffStories(history.versions[i - 1]!.story, v.story) } : {}),
      })),
    });
  });

  router.delete('/api/sources/:id/stories/:key', async (req: Request<{ id: string; key: string }>, res) => {
    const source = deps.config.sources.find((s): s is PushSource => s.id === req.params.id && s.type === 'push');
    if (!source || !source.enabled) throw new AppError('SOURCE_NOT_FOUND', `no push source "${req.params.id}"`);
    const header = req.get('authorization');
    if (!sameToken(source.token, header) && !isAdmin(deps.adminToken, header)) throw new AppError('UNAUTHORIZED', 'missing or wrong Bearer token');
    const reason = (typeof req.query.reason === 'string' ? req.query.reason : '').trim().slice(0, 1_000) || DEFAULT_REASON;
    // The key a story was pushed with (its `id`, or its URL when it had one), or the stored story id.
    const { key } = req.params;
    const candidates = [...new Set([storyId(source.id, key), ...(STORY_ID.test(key) ? [key] : [])])];
    for (const id of candidates) {
      const result = await deps.store.withdrawStory(source.id, id, reason, deps.clock.now());
      if (result === 'unknown') continue;
      deps.log.info({ source: source.id, story: id, result }, 'story withdrawn');
      res.status(200).json({ id, result, reason });
      return;
    }
    throw new AppError('STORY_NOT_FOUND', `no story "${key}" in source "${source.id}"`);
  });

  return router;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer token compared in constant time whatever the lengths (both sides hashed first). */
function sameToken(expected: string | undefined, header: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return Boolean(expected && given) && timingSafeEqual(digest(given!), digest(expected!));
}

function isAdmin(adminToken: string | undefined, header: string | undefined): boolean {
  return sameToken(adminToken, header);
}
