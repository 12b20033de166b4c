// Child process of load.bench.ts: a local news site (an html listing whose articles change
// every few seconds, and an RSS feed that stays the same, so conditional requests for it
// get 304s) and wirefeed serving it, scraping both on a 2-second cron. Measures its own
// event-loop delay and RSS; reports over IPC.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createApp, listen } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { tempDir } from '../test/support/temp-dir.js';

const started = Date.now();
/** A new batch of articles every 3 s, so runs keep storing and feeds keep changing. */
const batch = () => Math.floor((Date.now() - started) / 3000);

/**
 * Real news pages when the shared corpus is beside the repo (5 KB to 1.6 MB of HTML,
 * 5–500 ms each to extract), so the scraping costs what a real site's does; else a
 * small synthetic page. LOAD_PAGES=synthetic forces the latter.
 */
const CORPUS = new URL('../../shared/corpus/readability-pages/', import.meta.url);
const corpusPages: string[] =
  process.env.LOAD_PAGES !== 'synthetic' && existsSync(CORPUS)
    ? readdirSync(CORPUS).flatMap((name) => {
        const file = new URL(`${name}/source.html`, CORPUS);
        return existsSync(file) ? [readFileSync(file, 'utf8')] : [];
      })
    : [];

function article(n: number): string {
  if (corpusPages.length) return corpusPages[n % corpusPages.length]!;
  const p = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of report ${n}: the harbour authority said the works on the northern pier continued through the week, with two new cranes and longer shifts for the crews.</p>`);
  return `<!doctype html><html><head><title>Harbour report ${n}</title><meta property="og:title" content="Harbour report ${n}"><meta property="article:published_time" content="${new Date(started + n * 1000).toISOString()}"></head><body><article><h1>Harbour report ${n}</h1>${p.join('')}</article></body></html>`;
}

function site(): Server {
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const newest = batch() * 5 + 20;
    if (url === '/robots.txt') return void res.writeHead(404).end();
    if (url === '/news/') {
      const links = Array.from({ length: 30 }, (_, i) => `<li><a class="story" href="/news/r${newest - i}.html">Harbour report ${newest - i}</a></li>`);
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><ul>${links.join('')}</ul></body></html>`);
    }
    const m = /^\/news\/r(\d+)\.html$/.exec(url);
    if (m) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(Number(m[1])));
    if (url === '/wire.xml') {
      const items = Array.from({ length: 40 }, (_, i) => 40 - i).map(
        (n) => `<item><title>Wire ${n}</title><link>http://wire.invalid/${n}</link><guid>wire-${n}</guid><pubDate>${new Date(started + n * 1000).toUTCString()}</pubDate><description>Wire story ${n}: markets, weather and harbour traffic, updated.</description></item>`,
      );
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://wire.invalid/</link><description>w</description>${items.join('')}</channel></rss>`);
    }
    res.writeHead(404).end();
  });
}

const upstream = site();
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

const dir = tempDir('wirefeed-load-');
// LOAD_THREADS sets both parse.threads and feeds.renderThreads (0 in the baseline round).
const threads = process.env.LOAD_THREADS;
// LOAD_TRUST_PROXY: the hostile round's clients are told apart by X-Forwarded-For.
const proxy = process.env.LOAD_TRUST_PROXY ? 'api:\n  trustProxy: [loopback]\n' : '';
dir.write('config/wirefeed.yaml', `fetch:\n  perHostDelayMs: 0\n  perHostConcurrency: 4\n${threads ? `parse:\n  threads: ${threads}\nfeeds:\n  renderThreads: ${threads}\n` : ''}${proxy}`);
dir.write('config/sources/site.yaml', `id: site\ntitle: Harbour site\ntype: html\nurl: ${origin}/news/\nlinks: a.story\nmaxItems: 30\nschedule: "*/2 * * * * *"\n`);
dir.write('config/sources/wire.yaml', `id: wire\ntitle: Wire\ntype: feed\nurl: ${origin}/wire.xml\nmaxItems: 40\nschedule: "*/2 * * * * *"\n`);
dir.write('config/feeds/all.yaml', 'id: all\ntitle: Everything\nsources: [site, wire]\n');

const app = await createApp({
  env: { DATABASE_URL: `file:${dir.path('load.db')}`, WIREFEED_BASE_URL: 'https://feeds.example.org', PORT: '0' },
  configDir: dir.path('config'),
  log: silentLogger(),
});
await app.scheduler.runNow('site');
await app.scheduler.runNow('wire');
app.scheduler.start();
const server = await listen(app, 0);

const delay = monitorEventLoopDelay({ resolution: 10 });
let rssStart = process.memoryUsage().rss;
let heapStart = 0;
/** RSS every 10 s under load: a plateau is a warm cache, a straight line is a leak. */
const rssSeries: number[] = [];
let sampler: NodeJS.Timeout | undefined;
/** Live heap after a full collection (the child runs with --expose-gc), so garbage not yet collected does not count as growth. */
const liveHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
let storiesAtStart = 0;
let runsAtStart = 0;

/** Finished runs (and failed ones) from the run log, read beside the app's own connection. */
function runLog(): { runs: number; failed: number; errors: string[] } {
  const db = new Database(dir.path('load.db'), { readonly: true });
  try {
    const runs = db.prepare(`SELECT count(*) FROM runs WHERE status != 'running'`).pluck().get() as number;
    const errors = db.prepare(`SELECT DISTINCT error FROM runs WHERE status = 'failed'`).pluck().all() as string[];
    const failed = db.prepare(`SELECT count(*) FROM runs WHERE status = 'failed'`).pluck().get() as number;
    return { runs, failed, errors };
  } finally {
    db.close();
  }
}

const stories = async () => (await app.store.countStories('site')) + (await app.store.countStories('wire'));

process.on('message', async (msg: string) => {
  if (msg === 'baseline') {
    delay.enable();
    return;
  }
  if (msg === 'start') {
    const idleMaxMs = delay.max / 1e6;
    delay.reset();
    heapStart = liveHeap();
    rssStart = process.memoryUsage().rss;
    sampler = setInterval(() => rssSeries.push(process.memoryUsage().rss), 10_000);
    storiesAtStart = await stories();
    runsAtStart = runLog().runs;
    process.send!({ idleMaxMs });
    return;
  }
  if (msg === 'stop') {
    delay.disable();
    clearInterval(sampler);
    const log = runLog();
    const rssEnd = process.memoryUsage().rss;
    const heapEnd = liveHeap();
    // Again once the story-list memo has let go of the last burst's rows (it holds them
    // 5 s): what is left is what the process keeps, not what the last requests had in hand.
    await new Promise((r) => setTimeout(r, 6_000));
    process.send!({
      rssStart,
      rssEnd,
      rssSeries,
      heapStart,
      heapEnd,
      heapSettled: liveHeap(),
      loopMaxMs: delay.max / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      storiesAtStart,
      storiesAtEnd: await stories(),
      runsDuringLoad: log.runs - runsAtStart,
      failedRuns: log.failed,
      runErrors: log.errors,
      renderCache: app.renderCache.stats,
    });
    server.close();
    upstream.close();
    await app.close();
    dir.remove();
    process.exit(0);
  }
});
process.send!({ port: (server.address() as AddressInfo).port, pages: corpusPages.length ? `${corpusPages.length} corpus pages` : 'synthetic pages' });
