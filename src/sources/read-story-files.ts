// Story files read where they are parsed: a parse task reads a few files of the files
// source's folder, checks each, hashes its bytes and makes its story, its JSON and its
// content hash. On a parse thread the main thread then only stores; reading on the main
// thread cost four file system round trips per file through libuv's pool, and sending
// the bytes to the thread and the story back cost as much again.
//
// What may be read (SECURITY.md): a regular file directly in the folder, or a link whose
// target is a regular file inside the folder. The last path part is opened with
// O_NOFOLLOW, so a file swapped for a link after the listing is refused; a link's target
// is resolved and checked first, and the file opened must be the very file checked
// (device and inode), so a folder on the way swapped for a link in between reads nothing
// outside.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { buildStory } from '../normalize/build-story.js';
import type { StoryContext } from '../normalize/story-context.js';
import { storyContentHash } from '../store/story-store.js';
import { outcome, type OutcomeError } from '../threads/outcome.js';
import { fileCheck, type FileCheck } from './story-file-check.js';

/** Larger files are refused unread, so one dropped dump cannot fill the memory (SECURITY.md). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface StoryFilesTask {
  /** The folder, its real path. */
  root: string;
  /** `knownHash`: the bytes' hash of the file's current mark; the same bytes are not parsed again. */
  files: { name: string; isLink: boolean; knownHash?: string }[];
  ctx: StoryContext;
  /** Wall-clock time taken before the files' stats (see fileCheck). */
  readAtMs: number;
}

/**
 * One file's outcome: a link out of the folder; not read (gone, unreadable, refused:
 * tried again next run); the same bytes as its mark (not parsed); a story; or bytes that
 * are no story (the reason).
 */
export type StoryFileRead = { name: string } & (
  | { kind: 'outside' }
  | { kind: 'unread'; error: OutcomeError }
  | { kind: 'same'; check: FileCheck; fileHash: string }
  | { kind: 'story'; check: FileCheck; fileHash: string; json: string; hash: string }
  | { kind: 'unparsed'; mtimeMs: number; error: OutcomeError }
);

/** Test seam: runs between a link's check and the open (a swap made here is the race of SECURITY.md). */
export interface ReadHooks {
  beforeOpen?(target: string): void;
}

export function readStoryFiles(task: StoryFilesTask, hooks: ReadHooks = {}): StoryFileRead[] {
  return task.files.map(({ name, isLink, knownHash }): StoryFileRead => {
    const read = outcome(() => readInside(task.root, name, isLink, task.readAtMs, hooks));
    if ('error' in read) return { name, kind: 'unread', error: read.error };
    if (!read.value) return { name, kind: 'outside' };
    const { content, check } = read.value;
    const fileHash = createHash('sha256').update(content).digest('hex');
    if (knownHash === fileHash) return { name, kind: 'same', check, fileHash };
    const made = outcome(() => {
      const story = buildStory({ kind: 'file', content, filename: name }, task.ctx);
      const json = JSON.stringify(story);
      return { json, hash: storyContentHash(story, json) };
    });
    if ('error' in made) return { name, kind: 'unparsed', mtimeMs: check.mtimeMs, error: made.error };
    return { name, kind: 'story', check, fileHash, ...made.value };
  });
}

/** `target` inside `root` (both real paths). */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The file's bytes and stat check, or null when a link leads out of the folder. */
function readInside(root: string, name: string, isLink: boolean, readAtMs: number, hooks: ReadHooks): { content: Buffer; check: FileCheck } | null {
  let target = path.join(root, name);
  let checked: BigIntStats | undefined;
  if (isLink) {
    target = realpathSync(target);
    if (!inside(root, target)) return null;
    checked = lstatSync(target, { bigint: true });
  }
  hooks.beforeOpen?.(target);
  const fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd, { bigint: true });
    if (checked && (info.dev !== checked.dev || info.ino !== checked.ino || !openedInside(fd, root))) {
      throw new AppError('PARSE_FAILED', `${name}: its link changed while it was opened; not read`);
    }
    if (!info.isFile()) throw new AppError('PARSE_FAILED', `${name}: not a regular file`);
    if (info.size > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `${name}: ${info.size} bytes is over the ${MAX_FILE_BYTES} byte limit`);
    return { content: readFileSync(fd), check: fileCheck(info, readAtMs) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the kernel shows an open file's path (Linux), that path must be inside the folder
 * too: it closes the gap between resolving a link and taking its target's inode.
 */
function openedInside(fd: number, root: string): boolean {
  let opened: string;
  try {
    opened = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return true; // no /proc: the inode comparison stands alone
  }
  return inside(root, opened);
}
