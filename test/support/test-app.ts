import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { threadRenderer, type FeedRenderer } from '../../src/server/feed-renderer.js';
import { threadParser, type Parser } from '../../src/sources/parser.js';
import { tempDir, type TempDir } from './temp-dir.js';

export interface TestApp extends App {
  dir: TempDir;
  clock: ReturnType<typeof fixedClock>;
  dispose(): Promise<void>;
}

/**
 * One parse thread and one render thread for every test app, as in production on two
 * cores: a thread started from the TypeScript sources costs over a second, paid once per
 * test run, not per app.
 */
let sharedParser: Parser | undefined;
let sharedRenderer: FeedRenderer | undefined;

/** The shared threads, for tests that create their apps themselves: pass to createApp. */
export function testThreads(): { parser: Parser; renderer: FeedRenderer } {
  return { parser: (sharedParser ??= threadParser(1, silentLogger())), renderer: (sharedRenderer ??= threadRenderer(1, silentLogger())) };
}

/**
 * A real app over a temp config dir with a files source `inbox` reading `<dir>/stories`,
 * an in-memory SQLite store, a fixed clock and the shared parse and render threads. `files` are
 * written into stories/.
 */
export async function testApp(options: { files?: Record<string, string>; extraConfig?: Record<string, string>; log?: Logger; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dir = tempDir();
  dir.write('config/sources/inbox.yaml', `id: inbox\ntitle: Wire inbox\ntype: files\npath: ${dir.path('stories')}\n`);
  for (const [rel, content] of Object.entries(options.extraConfig ?? {})) dir.write(`config/${rel}`, content);
  for (const [name, content] of Object.entries(options.files ?? {})) dir.write(`stories/${name}`, content);
  dir.write('stories/.keep', '');
  const clock = fixedClock('2026-03-05T08:00:00.000Z');
  const app = await createApp({
    env: { DATABASE_URL: 'file::memory:', WIREFEED_BASE_URL: 'https://feeds.example.org', ...options.env },
    configDir: dir.path('config'),
    clock,
    log: options.log ?? silentLogger(),
    ...testThreads(),
  });
  return Object.assign(app, {
    dir,
    clock,
    async dispose() {
      await app.close();
      dir.remove();
    },
  });
}
