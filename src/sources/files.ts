// The files source: story files dropped in a folder (.txt/.md wire text, .json Story, and
// whatever else parseStoryFile reads: .xml NITF, .html).
//
// Nothing is lost, by design: a file stays where it was dropped (the folder is the
// archive). Its name is the story's identity and the store's content hash decides new,
// updated or unchanged, so a re-read is harmless and a crash at any point is repaired by
// the next run. Only a file that cannot become a story leaves, to failed/ with the reason
// in `<name>.error.txt` beside it, and only after the failure is recorded.
//
// Unchanged files cost almost nothing: after a story is stored, a mark records the file's
// stat, a hash of its bytes and the story's hash (see fileCheck for when each is trusted).
// The mark is written after the story, so a crash in between only means one more parse.
import { createHash } from 'node:crypto';
import { constants, type BigIntStats, type Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { z } from 'zod';
import { sourceFields } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import { isStoryFile } from '../normalize/parse-story-file.js';
import type { StoryContext } from '../normalize/story-context.js';
import { storyContentHash, type KnownStoryFile } from '../store/store.js';
import { parserOf } from './parser.js';
import type { Collected, SourceAdapter, SourceDeps } from './source-adapter.js';
import { storyContext } from './story-context.js';
import { fileCheck, statSignature, type FileCheck } from './story-file-check.js';
import { watchFolder } from './watch-folder.js';

/** A file changed this recently may still be being written: a parse failure is not final yet. */
const SETTLE_MS = 2_000;
const FAILED_DIR = 'failed';
/** Larger files are refused unread, so one dropped dump cannot fill the memory (SECURITY.md). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Files read and parsed ahead of their turn, so that the parse threads work while the
 * stories before are stored; also bounds the memory they hold (at most this many × MAX_FILE_BYTES).
 */
const READ_AHEAD = 8;

type Marks = Map<string, KnownStoryFile>;

const schema = z.strictObject({
  ...sourceFields,
  type: z.literal('files'),
  path: z.string().min(1),
  /**
   * Minutes after which a story whose file was removed is withdrawn (it leaves RSS and JSON
   * Feed, Atom carries a tombstone; the story stays in the store). Unset: removing a file
   * changes nothing, since many folders are cleaned out once their stories are stored.
   */
  withdrawRemovedAfterMinutes: z.number().min(0).optional(),
});
type FilesSource = z.infer<typeof schema>;


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
    const options = storyContext(source, deps.global);
    const parser = await parserKey(options);
    const marks = await loadMarks(deps, source, files);
    const unchanged = await unchangedByStat(root, files, marks, parser);
    const read = async (e: Dirent): Promise<Collected | null | 'unchanged'> => {
      if (unchanged.has(e.name)) return 'unchanged';
      const file = await readInside(root, e.name, e.isSymbolicLink(), deps.clock);
      if (!file) return null;
      deps.log.debug({ ref: e.name }, 'story file read');
      return collectFile(dir, file, { known: marks.get(e.name), parser, options }, deps);
    };
    for await (const [{ name }, result] of readAhead(files, read, READ_AHEAD)) {
      if (deps.signal?.aborted) return;
      if (result.status === 'rejected') {
        yield { ref: name, error: asError(result.reason) }; // unreadable now (permissions, vanished): retried next run
        continue;
      }
      const collected = result.value;
      if (collected === 'unchanged') {
        yield { ref: name, unchanged: true };
        continue;
      }
      if (!collected) {
        deps.log.warn({ ref: name, dir }, 'story file links outside its folder; not followed');
        yield { ref: name, error: new AppError('PARSE_FAILED', `${name}: link leads outside the folder`), ack: moveToFailed(dir, name, 'link leads outside the folder') };
        continue;
      }
      yield collected;
    }
  },
  watch(source, deps, run) {
    return watchFolder(path.resolve(source.path), deps.log, run);
  },
};

/** One file read: unchanged by its bytes (no parse), a story, or the reason it is none. */
async function collectFile(dir: string, file: StoryFile, by: { known: KnownStoryFile | undefined; parser: string; options: StoryContext }, deps: SourceDeps): Promise<Collected> {
  const { name, check } = file;
  const { known, parser, options } = by;
  const mark = { name, stat: check.stat, statTrusted: check.trusted, parser, fileHash: file.hash };
  const save = (story: Pick<KnownStoryFile, 'storyId' | 'storyHash'>) => () => deps.store.saveStoryFileMark(options.sourceId, { ...mark, ...story });
  if (known?.current && known.parser === parser && known.fileHash === file.hash) {
    // Same bytes and the store still holds the story made from them: no parse. The new
    // stat is saved only when it differs, so that the next run may skip the read too.
    const fresh = known.stat !== mark.stat || known.statTrusted !== mark.statTrusted;
    deps.log.debug({ ref: name }, 'story file unchanged');
    return { ref: name, unchanged: true, ack: fresh ? save({ storyId: known.storyId, storyHash: known.storyHash }) : undefined };
  }
  try {
    const story = await parserOf(deps).story({ input: { kind: 'file', content: file.content, filename: name }, ctx: options });
    return { ref: name, story, ack: save({ storyId: story.id, storyHash: storyContentHash(story) }) };
  } catch (err) {
    // Compared with the file system's mtime: the wall clock in production, a test's own clock in tests.
    const settled = deps.clock.now().getTime() - check.mtimeMs > SETTLE_MS;
    return { ref: name, error: asError(err), ack: settled ? moveToFailed(dir, name, errorMessage(err)) : undefined };
  }
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

/**
 * This source's marks by file name. Marks of files no longer there are dropped, or, when the
 * source withdraws removed files, kept with the time they went missing until the grace
 * period is over: a file replaced by delete-then-write, or moved out and back, stays live.
 */
async function loadMarks(deps: SourceDeps, source: FilesSource, files: Dirent[]): Promise<Marks> {
  const marks: Marks = new Map((await deps.store.storyFileMarks(source.id)).map((m) => [m.name, m]));
  const present = new Set(files.map((f) => f.name));
  const gone = [...marks.values()].filter((m) => !present.has(m.name));
  const graceMinutes = source.withdrawRemovedAfterMinutes;
  if (graceMinutes === undefined) {
    if (gone.length > 0) await deps.store.forgetStoryFiles(source.id, gone.map((m) => m.name));
    return marks;
  }
  const now = deps.clock.now();
  const back = [...marks.values()].filter((m) => present.has(m.name) && m.missingSince !== null);
  if (back.length > 0) await deps.store.setStoryFilesMissing(source.id, back.map((m) => m.name), null);
  const newlyGone = gone.filter((m) => m.missingSince === null);
  if (newlyGone.length > 0) await deps.store.setStoryFilesMissing(source.id, newlyGone.map((m) => m.name), now);
  const expired = gone.filter((m) => m.missingSince !== null && now.getTime() - Date.parse(m.missingSince) >= graceMinutes * 60_000);
  // A story another present file still makes (the same story under two names) stays.
  const live = new Set([...marks.values()].filter((m) => present.has(m.name)).map((m) => m.storyId));
  for (const m of expired) {
    if (!live.has(m.storyId)) await deps.store.withdrawStory(source.id, m.storyId, `its file ${m.name} was removed`, now);
  }
  if (expired.length > 0) await deps.store.forgetStoryFiles(source.id, expired.map((m) => m.name));
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

interface StoryFile {
  name: string;
  content: Buffer;
  /** sha256 of `content`. */
  hash: string;
  check: FileCheck;
}

/**
 * Reads `name` only if it is, or links to, a regular file inside `root`; null when a
 * link leads out. O_NOFOLLOW refuses a link swapped in after the check.
 */
async function readInside(root: string, name: string, isLink: boolean, clock: Clock): Promise<StoryFile | null> {
  let target = path.join(root, name);
  if (isLink) {
    target = await realpath(target);
    const rel = path.relative(root, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  }
  // Taken before the stat (see fileCheck); the wall clock in production, as the file system's times are.
  const readAtMs = clock.now().getTime();
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info: BigIntStats = await handle.stat({ bigint: true });
    if (!info.isFile()) throw new AppError('PARSE_FAILED', `${name}: not a regular file`);
    if (info.size > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `${name}: ${info.size} bytes is over the ${MAX_FILE_BYTES} byte limit`);
    const content = await handle.readFile();
    return { name, content, hash: createHash('sha256').update(content).digest('hex'), check: fileCheck(info, readAtMs) };
  } finally {
    await handle.close();
  }
}

/** The reason first, then the file: a crash in between leaves the file to be retried. */
function moveToFailed(dir: string, name: string, reason: string): () => Promise<void> {
  return async () => {
    const failed = path.join(dir, FAILED_DIR);
    await mkdir(failed, { recursive: true });
    await writeFile(path.join(failed, `${name}.error.txt`), `${reason}\n`);
    await rename(path.join(dir, name), path.join(failed, name));
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
