// The files source: story files dropped in a folder (.txt/.md wire text, .json Story, and
// whatever else parseStoryFile reads: .xml NITF, .html).
//
// Nothing is lost, by design: a file stays where it was dropped (the folder is the
// archive). Its name is the story's identity and the store's content hash decides new,
// updated or unchanged, so a re-read is harmless and a crash at any point is repaired by
// the next run. Only a file that cannot become a story leaves, to failed/ with the reason
// in `<name>.error.txt` beside it, and only after the failure is recorded.
import { storyContext } from './story-context.js';
import { constants } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, errorMessage } from '../errors.js';
import { isStoryFile, parseStoryFile } from '../normalize/parse-story-file.js';
import type { Collected, SourceAdapter } from './source-adapter.js';
import { watchFolder } from './watch-folder.js';

/** A file changed this recently may still be being written: a parse failure is not final yet. */
const SETTLE_MS = 2_000;
const FAILED_DIR = 'failed';
/** Larger files are refused unread, so one dropped dump cannot fill the memory (SECURITY.md). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const filesSource: SourceAdapter<'files'> = {
  type: 'files',
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
    for (const entry of files) {
      const { name } = entry;
      if (deps.signal?.aborted) return;
      let file: StoryFile | null;
      try {
        file = await readInside(root, name, entry.isSymbolicLink());
      } catch (err) {
        yield { ref: name, error: asError(err) }; // unreadable now (permissions, vanished): retried next run
        continue;
      }
      if (!file) {
        deps.log.warn({ ref: name, dir }, 'story file links outside its folder; not followed');
        yield { ref: name, error: new AppError('PARSE_FAILED', `${name}: link leads outside the folder`), ack: moveToFailed(dir, name, 'link leads outside the folder') };
        continue;
      }
      deps.log.debug({ ref: name }, 'story file read');
      try {
        yield { ref: name, story: parseStoryFile(file.content, name, options) };
      } catch (err) {
        // Wall-clock time on purpose: it is compared with the file system's mtime.
        const settled = Date.now() - file.mtimeMs > SETTLE_MS;
        yield { ref: name, error: asError(err), ack: settled ? moveToFailed(dir, name, errorMessage(err)) : undefined };
      }
    }
  },
  watch(source, deps, run) {
    return watchFolder(path.resolve(source.path), deps.log, run);
  },
};

interface StoryFile {
  content: string;
  mtimeMs: number;
}

/**
 * Reads `name` only if it is, or links to, a regular file inside `root`; null when a
 * link leads out. O_NOFOLLOW refuses a link swapped in after the check.
 */
async function readInside(root: string, name: string, isLink: boolean): Promise<StoryFile | null> {
  let target = path.join(root, name);
  if (isLink) {
    target = await realpath(target);
    const rel = path.relative(root, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  }
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('PARSE_FAILED', `${name}: not a regular file`);
    if (info.size > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `${name}: ${info.size} bytes is over the ${MAX_FILE_BYTES} byte limit`);
    return { content: await handle.readFile('utf8'), mtimeMs: info.mtimeMs };
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
