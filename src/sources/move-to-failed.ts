// The files source's quarantine: a file that cannot become a story goes to `failed/` in its
// folder, with the reason in `<name>.error.txt` beside it. Whoever can drop files can also
// place links there (SECURITY.md), so nothing here follows one: `failed/` must be a real
// folder directly inside the folder, the reason is written to a new file (exclusive
// create, no link followed) that then replaces an old one by rename (which replaces a
// link, never what it points to), and the folder is checked again just before each rename.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export const FAILED_DIR = 'failed';

/** Test seam: runs just before the file is moved (a swap made here is the race the check catches). */
export interface MoveHooks {
  beforeMove?(): void | Promise<void>;
}

interface Checked {
  path: string;
  dev: bigint;
  ino: bigint;
}

/**
 * Moves `name` from `dir` to `dir/failed/`. The reason first, then the file: a crash in
 * between leaves the file to be retried. Refuses (UNSAFE_PATH) when `failed` is a link, a
 * file, or not inside the folder.
 */
export async function moveToFailed(dir: string, name: string, reason: string, hooks: MoveHooks = {}): Promise<void> {
  const root = await realpath(dir);
  const failed = await failedDir(root);
  await writeReason(failed, `${name}.error.txt`, `${reason}\n`);
  await hooks.beforeMove?.();
  await stillThere(failed);
  await rename(path.join(root, name), path.join(failed.path, name));
}

async function failedDir(root: string): Promise<Checked> {
  const failed = path.join(root, FAILED_DIR);
  await mkdir(failed, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const info = await lstat(failed, { bigint: true });
  if (!info.isDirectory() || (await realpath(failed)) !== failed) throw unsafe(failed);
  return { path: failed, dev: info.dev, ino: info.ino };
}

/** The folder checked is still the folder there (not swapped for a link since). */
async function stillThere(dir: Checked): Promise<void> {
  const info = await lstat(dir.path, { bigint: true });
  if (!info.isDirectory() || info.dev !== dir.dev || info.ino !== dir.ino) throw unsafe(dir.path);
}

/**
 * A new file, created exclusively (O_EXCL refuses any existing path, a link included) and
 * never through a link, then renamed over `<file>`.
 */
async function writeReason(dir: Checked, file: string, text: string): Promise<void> {
  const temp = path.join(dir.path, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  try {
    await stillThere(dir);
    await rename(temp, path.join(dir.path, file));
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

function unsafe(failed: string): AppError {
  return new AppError('UNSAFE_PATH', `${failed} is not a folder inside the source's folder (a link or a file): nothing is moved there`);
}
