// The files source: story files dropped in a folder (.txt/.md wire text, .json Story, and
// whatever else parseStoryFile reads: .xml NITF, .html).
//
// Nothing is lost, by design: a file stays where it was dropped (the folder is the
// archive). Its name is the story's identity and the store's content hash decides new,
// updated or unchanged, so a re-read is harmless and a crash at any point is repaired by
// the next run. Only a file that cannot become a story leaves, to failed/ with the reason
// in `<name>.error.txt` beside it, and only after the failure is recorded.
//
// Unchanged files cost almost nothing: with a story, a mark records the file's stat, a
// hash of its bytes and the story's hash (see fileCheck for when each is trusted). The
// mark is written in the story's transaction, never before it, so a crash only means
// another parse. Files are read, checked and parsed on the parse threads, a few per task
// (read-story-files.ts); the main thread lists the folder and stores.
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sourceFields } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import { isStoryFile } from '../normalize/parse-story-file.js';
import type { StoryContext } from '../normalize/story-context.js';
import type { Story } from '../story.js';
import type { StoryFileMark } from '../store/store.js';
import { outcomeError } from '../threads/outcome.js';
import { moveToFailed } from './move-to-failed.js';
import { parserOf } from './parser.js';
import type { StoryFileRead } from './read-story-files.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';
import { storyContext } from './story-context.js';
import { statSignature } from './story-file-check.js';
import { watchFolder } from './watch-folder.js';

export { MAX_FILE_BYTES } from './read-story-files.js';

/** A file changed this recently may still be being written: a parse failure is not final yet. */
const SETTLE_MS = 2_000;
/**
 * Files per parse task: fewer, larger messages to the parse thread (each costs the main
 * thread about as much as storing a story). The first tasks are smaller, so the first
 * stories of a run are stored after one parse, not eight.
 */
const FILES_PER_TASK = 8;
/**
 * Parse tasks sent ahead of their turn, so that the parse threads work while the stories
 * before are stored. A task holds one file's bytes at a time; what it hands back is the
 * stories (at most TASKS_AHEAD × FILES_PER_TASK of them wait here).
 */
const TASKS_AHEAD = 3;

type KnownFile = StoryFileMark & { current: boolean };
type Marks = Map<string, KnownFile>;

const schema = z.strictObject({ ...sourceFields, type: z.literal('files'), path: z.string().min(1) });

export const filesSource: SourceAdapter<typeof schema> = {
  schema,
  scheduled: true,
  async *collect(source, deps): AsyncIterable<Collected> {
    const dir = path.resolve(source.path);
    const [root, entries] = await Promise.all([realpath(dir), readdir(dir, { withFileTypes: true })]).catch(
      (err: NodeJS.ErrnoException) => {
        throw new AppError('PARSE_FAILED', `cannot read folder ${dir}: ${err.code ?? err.message}`, { cause: err });
      },
    );
    const files = entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.') && isStoryFile(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const ctx = storyContext(source, deps.global);
    const parser = await parserKey(ctx);
    const marks = await loadMarks(deps, source.id, files);
    const unchanged = await unchangedByStat(root, files, marks, parser);
    const reads = readFiles(files.filter((e) => !unchanged.has(e.name)), { root, ctx, marks, parser }, deps);
    for (const { name } of files) {
      if (deps.signal?.aborted) return;
      if (unchanged.has(name)) {
        yield { ref: name, unchanged: true };
        continue;
      }
      const next = await reads.next();
      if (next.done) return; // aborted
      yield collected(dir, next.value, { known: marks.get(name), parser }, deps);
    }
  },
  watch(source, deps, run) {
    return watchFolder(path.resolve(source.path), deps.log, run);
  },
};

/** Each file read and parsed on the parse threads, a few per task, yielded in order. */
async function* readFiles(files: Dirent[], by: { root: string; ctx: StoryContext; marks: Marks; parser: string }, deps: SourceDeps): AsyncGenerator<StoryFileRead> {
  const tasks: Dirent[][] = [];
  for (let i = 0, size = 1; i < files.length; i += size, size = Math.min(size * 2, FILES_PER_TASK)) tasks.push(files.slice(i, i + size));
  const run = (slice: Dirent[]) =>
    parserOf(deps).storyFiles({
      root: by.root,
      ctx: by.ctx,
      // Taken before the stats (see fileCheck); the wall clock in production, as the file system's times are.
      readAtMs: deps.clock.now().getTime(),
      files: slice.map((e) => {
        const known = by.marks.get(e.name);
        return { name: e.name, isLink: e.isSymbolicLink(), knownHash: known?.current && known.parser === by.parser ? known.fileHash : undefined };
      }),
    });
  for await (const [slice, result] of readAhead(tasks, run, TASKS_AHEAD)) {
    if (deps.signal?.aborted) return;
    if (result.status === 'fulfilled') {
      yield* result.value;
      continue;
    }
    // The task failed as a whole (its thread crashed or ran out of time): each file alone,
    // so that only the file that caused it fails.
    for (const e of slice) {
      if (slice.length === 1) yield await taskFailed(by.root, e.name, result.reason);
      else yield* await run([e]).catch(async (err: unknown) => [await taskFailed(by.root, e.name, err)]);
    }
  }
}

/** A file whose parse task failed: a parse failure, judged settled by the file's own time. */
async function taskFailed(root: string, name: string, err: unknown): Promise<StoryFileRead> {
  const error = { code: err instanceof AppError ? err.code : null, message: errorMessage(err) };
  const info = await stat(path.join(root, name), { bigint: true }).catch(() => null);
  if (!info) return { name, kind: 'unread', error };
  return { name, kind: 'unparsed', mtimeMs: Number(info.mtimeNs / 1_000_000n), error };
}

/** One file's outcome as an item: unchanged by its bytes (no parse), a story, or the reason it is none. */
function collected(dir: string, read: StoryFileRead, by: { known: KnownFile | undefined; parser: string }, deps: SourceDeps): Collected {
  const { name } = read;
  if (read.kind === 'outside') {
    deps.log.warn({ ref: name, dir }, 'story file links outside its folder; not followed');
    return { ref: name, error: new AppError('PARSE_FAILED', `${name}: link leads outside the folder`), ack: quarantine(dir, name, 'link leads outside the folder', deps) };
  }
  // Unreadable now (permissions, vanished, too large): tried again next run.
  if (read.kind === 'unread') return { ref: name, error: outcomeError(read.error) };
  deps.log.debug({ ref: name }, 'story file read');
  if (read.kind === 'unparsed') {
    const error = outcomeError(read.error);
    // Compared with the file system's mtime: the wall clock in production, a test's own clock in tests.
    const settled = deps.clock.now().getTime() - read.mtimeMs > SETTLE_MS;
    return { ref: name, error, ack: settled ? quarantine(dir, name, errorMessage(error), deps) : undefined };
  }
  const mark = { name, stat: read.check.stat, statTrusted: read.check.trusted, parser: by.parser, fileHash: read.fileHash };
  if (read.kind === 'story') {
    const story = JSON.parse(read.json) as Story;
    return { ref: name, story, json: read.json, hash: read.hash, mark: { ...mark, storyId: story.id, storyHash: read.hash } };
  }
  // Same bytes and the store still holds the story made from them: not parsed. The new
  // stat is saved only when it differs, so that the next run may skip the read too.
  const { known } = by;
  if (!known) throw new Error(`${name}: same bytes as a mark that is not there`); // knownHash comes only from a mark
  const fresh = known.stat !== mark.stat || known.statTrusted !== mark.statTrusted;
  deps.log.debug({ ref: name }, 'story file unchanged');
  return { ref: name, unchanged: true, mark: fresh ? { ...mark, storyId: known.storyId, storyHash: known.storyHash } : undefined };
}

/**
 * Stories made by another wirefeed version or with other source options (rules, zone,
 * language) are made again once: a mark is only good for the parser that made it.
 */
async function parserKey(options: StoryContext): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return createHash('sha256').update(JSON.stringify([pkg.version, options])).digest('hex').slice(0, 32);
}

/**
 * Yields each item with its read settled, in order, keeping up to `ahead` reads going:
 * file I/O waits on libuv's thread pool (open, stat, read, close for each file), so
 * reading one file at a time left the process idle most of a run.
 */
async function* readAhead<T, R>(items: T[], read: (item: T) => Promise<R>, ahead: number): AsyncGenerator<[T, PromiseSettledResult<R>]> {
  const pending: Promise<PromiseSettledResult<R>>[] = [];
  const settle = (p: Promise<R>) =>
    p.then(
      (value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<R> => ({ status: 'rejected', reason }),
    );
  for (let i = 0; i < items.length; i++) {
    while (pending.length < ahead && i + pending.length < items.length) pending.push(settle(read(items[i + pending.length]!)));
    yield [items[i]!, await pending.shift()!];
  }
}

/** This source's marks by file name; marks of files no longer there are dropped. */
async function loadMarks(deps: SourceDeps, sourceId: string, files: Dirent[]): Promise<Marks> {
  const marks: Marks = new Map((await deps.store.storyFileMarks(sourceId)).map((m) => [m.name, m]));
  const present = new Set(files.map((f) => f.name));
  const gone = [...marks.keys()].filter((name) => !present.has(name));
  if (gone.length > 0) await deps.store.forgetStoryFiles(sourceId, gone);
  return marks;
}

/**
 * The files that a trusted stat alone shows unchanged: one stat call each, in parallel,
 * no read. Links are always read (their target is checked on every read).
 */
async function unchangedByStat(root: string, files: Dirent[], marks: Marks, parser: string): Promise<Set<string>> {
  const candidates = files.filter((f) => {
    const m = marks.get(f.name);
    return f.isFile() && m?.statTrusted && m.current && m.parser === parser;
  });
  const same = await Promise.all(
    candidates.map((f) =>
      stat(path.join(root, f.name), { bigint: true }).then(
        (info) => statSignature(info) === marks.get(f.name)?.stat,
        () => false, // vanished or unreadable: the read reports it
      ),
    ),
  );
  return new Set(candidates.filter((_, i) => same[i]).map((f) => f.name));
}

/**
 * The ack of a file that is no story: moved to failed/ once its failure is recorded. A
 * failed/ that is not a real folder inside the folder (SECURITY.md) is refused: the file
 * stays where it is, and the refusal is logged.
 */
function quarantine(dir: string, name: string, reason: string, deps: SourceDeps): () => Promise<void> {
  return () =>
    moveToFailed(dir, name, reason).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === 'UNSAFE_PATH')) throw err;
      deps.log.error({ err, ref: name, dir }, 'story file not moved to failed/');
    });
}
