// File events on a folder -> "run the source now", debounced. Events are hints only:
// the schedule remains the safety net for anything a watcher misses (network file
// systems, a folder created later, an overflowing event queue).
import { watch, type FSWatcher } from 'node:fs';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';

/** A burst of events (a copy in progress, a batch of files) becomes one run. */
const DEBOUNCE_MS = 150;
/** When a run is already going, ask again shortly: it may have listed the folder before the new file. */
const BUSY_RETRY_MS = 250;

export function watchFolder(dir: string, log: Logger, run: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let watcher: FSWatcher | undefined;

  const later = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  const fire = () => {
    run().catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'RUN_IN_PROGRESS') return later(BUSY_RETRY_MS);
      log.warn({ err, dir }, 'watched run failed');
    });
  };

  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      // Our own bookkeeping (failed/, dot files) is no reason to run.
      if (name && (name.startsWith('.') || name === 'failed' || name.endsWith('.error.txt'))) return;
      later(DEBOUNCE_MS);
    });
    watcher.on('error', (err) => {
      log.warn({ err, dir }, 'folder watch stopped; the schedule still runs');
      watcher?.close();
    });
  } catch (err) {
    log.warn({ err, dir }, 'cannot watch folder; the schedule still runs');
  }

  return () => {
    stopped = true;
    clearTimeout(timer);
    watcher?.close();
  };
}
