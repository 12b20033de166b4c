// Hot reload: watches the config folder and swaps in each valid new configuration.
// fs.watch is enough on Linux; chokidar 6 would need Node 22.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { ConfigResult } from './load-config.js';
import type { LiveConfig } from './live-config.js';

export interface WatchOptions {
  dir: string;
  /** Reads and validates the whole folder (readConfig with the app's options). */
  read: () => ConfigResult;
  log: Logger;
  /** Editors write a file in several steps: wait this long after the last event. */
  debounceMs?: number;
}

export interface ConfigWatcher {
  /** Re-reads now (what a file event triggers after the debounce). */
  reload(): void;
  close(): void;
}

const WATCHED = ['.', 'sources', 'feeds'];

/**
 * A valid change replaces the live config; an invalid one is rejected with one log line
 * per problem (`file: field: problem`) and the last good config keeps running.
 */
export function watchConfig(live: LiveConfig, options: WatchOptions): ConfigWatcher {
  const { dir, read, log, debounceMs = 200 } = options;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let lastRejected = '';
  let closed = false;

  const reload = () => {
    if (closed) return;
    arm();
    const result = read();
    if (!result.ok) {
      const key = result.problems.join('\n');
      // The same problems again (an editor saving twice) are not news.
      if (key !== lastRejected) for (const problem of result.problems) log.error({ problem }, 'config change rejected');
      lastRejected = key;
      return;
    }
    lastRejected = '';
    if (JSON.stringify(result.config) === JSON.stringify(live.current)) return;
    live.replace(result.config);
    log.info({ sources: result.config.sources.length, feeds: result.config.feeds.length }, 'config reloaded');
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  // Sub-folders may appear (or vanish) after start: re-armed on every event.
  const arm = () => {
    for (const sub of WATCHED) {
      const folder = path.join(dir, sub);
      if (watchers.has(folder) || !existsSync(folder)) continue;
      try {
        const w = watch(folder, { persistent: false }, schedule);
        w.on('error', () => {
          w.close();
          watchers.delete(folder);
          schedule();
        });
        watchers.set(folder, w);
      } catch (err) {
        log.warn({ err, folder }, 'cannot watch config folder');
      }
    }
  };

  arm();
  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
