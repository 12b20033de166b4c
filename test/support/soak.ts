// The retention soak: simulated weeks of sources polled every 15 minutes, each run through
// the real run path (runSource: HTTP from a loopback site, parse, ingest, run rows, health)
// on an injected clock, the prune job's pass every simulated hour, and after each pass a
// check that every feed still shows exactly the newest stories the site published.
// Used by test/schedule/soak.test.ts (scaled down) and `npm run bench -- soak` (full).
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { PruneJob } from '../../src/schedule/prune-job.js';
import { runSource } from '../../src/schedule/run-source.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { startServer } from './local-server.js';
import { tempDir } from './temp-dir.js';

export interface SoakOptions {
  sources: number;
  days: number;
  /** Retention of the soak's config (days). */
  storyDays: number;
  runDays: number;
  /** Told at the end of each simulated week (and of the last partial one). */
  onWeek?: (week: WeekReport) => void;
}

export interface WeekReport {
  day: number;
  runs: number;
  /** Rows per table at the end of the week. */
  rows: Record<string, number>;
  /** The database file and WAL, and of it free pages. */
  bytes: number;
  freeBytes: number;
  pruned: { stories: number; runs: number; validators: number; healthEvents: number };
  /** Wall-clock seconds the week took to simulate. */
  seconds: number;
}

const T0 = Date.parse('2026-01-05T00:00:00.000Z');
const TICK_MS = 15 * 60_000;
const MAX_ITEMS = 20;
const COMBINED_LIMIT = 30;
/** Items the site's feed lists: at most a few stories are published between two polls. */
const LISTED = 10;

/**
 * Source i publishes a story every periodOf(i) minutes (one source in five once every few
 * days, so that their feed window reaches back past the story retention), offset so that
 * sources do not publish in step.
 */
const periodOf = (i: number) => (i % 5 === 2 ? 3 * 24 * 60 : 45 + (i % 7) * 20);
const publishedAt = (i: number, k: number) => T0 + (i * 7 + k * periodOf(i)) * 60_000;
/** How many stories source i has published by `at` (stories 0 .. n-1). */
const publishedBy = (i: number, at: number) => (at < publishedAt(i, 0) ? 0 : Math.floor((at - publishedAt(i, 0)) / (periodOf(i) * 60_000)) + 1);

const paragraph = (i: number, k: number) =>
  `Story ${k} of source ${i}: the harbour authority said on Tuesday that the works would continue through the season, with lanes closed at night. `.repeat(8);

function feedXml(origin: string, i: number, n: number): string {
  const items: string[] = [];
  for (let k = n - 1; k >= Math.max(0, n - LISTED); k--) {
    items.push(`<item><title>Source ${i} story ${k}</title><link>${origin}/s${i}/${k}</link><guid>${origin}/s${i}/${k}</guid>` +
      `<pubDate>${new Date(publishedAt(i, k)).toUTCString()}</pubDate><description>${paragraph(i, k)}</description></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site ${i}</title><link>${origin}/</link><description>Site ${i}</description>${items.join('')}</channel></rss>`;
}

export async function soak(options: SoakOptions): Promise<WeekReport[]> {
  const dir = tempDir('wirefeed-soak-');
  const clock = manualClock(new Date(T0));
  const site = await startServer({
    '/robots.txt': (_req, res) => res.writeHead(404).end(),
    '*': (req: IncomingMessage, res: ServerResponse) => {
      const m = /^\/feed\/(\d+)\.rss$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const i = Number(m[1]);
      const n = publishedBy(i, clock.now().getTime());
      const etag = `"${i}-${n}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feedXml(site.origin, i, n));
    },
  });
  // The site keeps every request: over 288,000 of them, a memory leak of the harness only.
  site.requests.length = 0;
  const ids = Array.from({ length: options.sources }, (_, i) => `site-${i}`);
  const grouped = ids.slice(0, Math.min(5, ids.length));
  dir.write(
    'config/wirefeed.yaml',
    [
      'parse:\n  threads: 0',
      'fetch:\n  allowPrivateNetworks: true\n  perHostDelayMs: 0\n  perHostConcurrency: 64\n  retries: 0',
      `feeds:\n  maxLimit: ${MAX_ITEMS}`,
      `retention:\n  storyDays: ${options.storyDays}\n  runDays: ${options.runDays}`,
    ].join('\n'),
  );
  for (const [i, id] of ids.entries()) dir.write(`config/sources/${id}.yaml`, `id: ${id}\ntype: feed\nurl: ${site.origin}/feed/${i}.rss\nmaxItems: ${MAX_ITEMS}\n`);
  dir.write('config/feeds/group.yaml', `id: group\ntitle: Group\nsources: [${grouped.join(', ')}]\nlimit: ${COMBINED_LIMIT}\n`);
  const config = loadConfig(dir.path('config'), { env: {} });
  const store = new SqliteStore(dir.path('soak.db'), { clock });
  await store.migrate();
  const log = silentLogger();
  const http = createHttpClient(config.global.fetch, { clock, log, validators: store });
  const pruned = { stories: 0, runs: 0, validators: 0, healthEvents: 0 };
  const job = new PruneJob({
    store,
    clock,
    log,
    config: () => config,
    onPruned: (t) => {
      pruned.stories += t.stories;
      pruned.runs += t.runs;
      pruned.validators += t.validators;
      pruned.healthEvents += t.healthEvents;
    },
  });
  const deps = { global: config.global, log, clock, store, http };
  const sources = config.sources;
  const reports: WeekReport[] = [];
  let runs = 0;
  let weekStarted = Date.now();

  /** Every feed shows exactly the newest stories published so far: none lost to retention. */
  const checkWindows = async (at: number) => {
    const expected = (i: number, n: number) => Array.from({ length: Math.min(n, publishedBy(i, at)) }, (_, j) => `${site.origin}/s${i}/${publishedBy(i, at) - 1 - j}`);
    for (const [i, id] of ids.entries()) {
      const shown = (await store.listStories({ sourceIds: [id], limit: MAX_ITEMS })).map((s) => s.story.url);
      assert.deepEqual(shown, expected(i, MAX_ITEMS), `${id} at ${new Date(at).toISOString()}: its feed window`);
    }
    const combined = (await store.listStories({ sourceIds: grouped, limit: COMBINED_LIMIT })).map((s) => s.story.url);
    const all = grouped.flatMap((_, i) => expected(i, COMBINED_LIMIT).map((url, j) => ({ url, at: publishedAt(i, publishedBy(i, at) - 1 - j) })));
    all.sort((a, b) => b.at - a.at || (a.url < b.url ? 1 : -1));
    assert.deepEqual(new Set(combined), new Set(all.slice(0, COMBINED_LIMIT).map((s) => s.url)), `group at ${new Date(at).toISOString()}`);
  };

  const report = async (day: number) => {
    const size = await store.storeSize();
    reports.push({ day, runs, rows: size.rows, bytes: size.bytes, freeBytes: size.freeBytes, pruned: { ...pruned }, seconds: (Date.now() - weekStarted) / 1000 });
    options.onWeek?.(reports[reports.length - 1]!);
    weekStarted = Date.now();
  };

  try {
    const ticks = (options.days * 86_400_000) / TICK_MS;
    for (let t = 1; t <= ticks; t++) {
      const at = T0 + t * TICK_MS;
      clock.set(new Date(at));
      const outcomes = await Promise.all(sources.map((s) => runSource(s, deps)));
      for (const o of outcomes) assert.equal(o.error, null, `${o.sourceId}: ${o.error}`);
      runs += outcomes.length;
      site.requests.length = 0;
      // The prune job's pass at the top of each hour (its cron on the same clock in production).
      if (t % 4 === 0) {
        await job.runOnce();
        await checkWindows(at);
      }
      if (t % (7 * 96) === 0 || t === ticks) await report(t / 96);
    }
    return reports;
  } finally {
    await job.stop();
    await http.close();
    await store.close();
    await site.close();
    dir.remove();
  }
}
