// Load: mixed feed requests (RSS/Atom/JSON, conditional and not, with query parameters) at
// 50 connections on loopback for 60 s while two sources are scraped every 2 s from a local
// site (real pages from the shared corpus when present). Reports requests, errors (goal 0), RSS at start and end, and the largest
// event-loop delay of the server process (goal < 100 ms) against its idle baseline.
// A third round adds hostile ?filter= queries (costly patterns, each new, from 16 client
// addresses) at a tenth of all requests; goal: no error on the other requests and their
// p99 within 2x of the round without them. LOAD_SECONDS shortens each round for a smoke run. The server runs in a child process so that
// autocannon does not share its event loop. LOAD_PROFILE=<dir> writes the server's CPU profile there;
// LOAD_NODE_FLAGS adds node flags to the server (e.g. --trace-gc).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = 50;

interface Report {
  rssStart: number;
  rssEnd: number;
  rssSeries: number[];
  heapStart: number;
  heapEnd: number;
  heapSettled: number;
  loopMaxMs: number;
  loopP99Ms: number;
  storiesAtStart: number;
  storiesAtEnd: number;
  runsDuringLoad: number;
  failedRuns: number;
  runErrors: string[];
  renderCache: { hits: number; misses: number; evictions: number };
}

const PATHS = [
  '/feeds/site.rss', '/feeds/site.atom', '/feeds/site.json', '/feeds/wire.rss', '/feeds/wire.json', '/feeds/all.atom',
  '/feeds/all.rss?limit=10', '/feeds/site.json?filter=report', '/feeds/wire.atom?summary=80', '/feeds/all?format=json', '/feeds/site.rss?filterout=pier&limit=5',
];

async function etags(port: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of PATHS) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    const etag = res.headers.get('etag');
    if (etag) out.set(path, etag);
  }
  return out;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Two rounds in one run: the baseline parses pages and feeds and renders feed documents on
 * the event loop (`parse.threads: 0`, `feeds.renderThreads: 0`), the second with the
 * defaults (worker threads). LOAD_ROUNDS=default
 * runs only the second.
 */
export async function run(): Promise<void> {
  const rounds: [string, string | undefined][] = [
    ['baseline: parse.threads 0, feeds.renderThreads 0 (parsing and rendering on the event loop)', '0'],
    ['default: parse and render on worker threads', undefined],
  ];
  const loops: number[] = [];
  let plain: RoundResult | undefined;
  for (const [label, threads] of process.env.LOAD_ROUNDS === 'default' ? rounds.slice(1) : rounds) {
    console.log(`-- ${label}`);
    plain = await round(threads);
    loops.push(plain.loopMaxMs);
  }
  if (loops.length === 2) console.log(`largest event-loop delay, default vs baseline: ${loops[1]!.toFixed(1)} vs ${loops[0]!.toFixed(1)} ms (${(loops[1]! / loops[0]!).toFixed(2)}x)`);
  if (!plain || process.env.LOAD_HOSTILE === '0') return;
  // A tenth of all requests: one hostile request for every nine the default round answered.
  const rate = Math.max(1, Math.round(plain.reqPerSec / 9));
  console.log(`-- hostile: the default round plus ${rate} hostile ?filter= requests a second (10% of all)`);
  const hostile = await round(undefined, rate);
  const ratio = hostile.p99 / Math.max(plain.p99, 1);
  console.log(
    `other requests with hostile ones vs without: p99 ${hostile.p99} vs ${plain.p99} ms (${ratio.toFixed(2)}x, goal <= 2x) ${ratio <= 2 ? 'ok' : 'MISSED'}; ` +
      `errors ${hostile.errors} (goal 0) ${hostile.errors === 0 ? 'ok' : 'MISSED'}`,
  );
}

interface RoundResult {
  loopMaxMs: number;
  reqPerSec: number;
  p99: number;
  errors: number;
}

/**
 * Hostile filter queries: patterns that keep many NFA threads alive over long texts, each
 * made new by a suffix (a cache miss), a quarter of them past the limits (refused at once),
 * from 16 client addresses (X-Forwarded-For; the target trusts loopback as its proxy), so
 * that the per-client limit alone does not stop them.
 */
const HOSTILE = ['(?:\\pL|\\s){100}(?:\\pL|\\s){80}[0-9]', '[\\s\\S]*a[\\s\\S]{17}(?:\\pL|\\s){100}[0-9]', '[\\s\\S]{100}[\\s\\S]{80}[0-9]', '[\\s\\S]{1000}[0-9]'];

function hostileRequest(n: number): { path: string; headers: Record<string, string> } {
  const pattern = `${HOSTILE[n % HOSTILE.length]}|q${n}`;
  const feed = ['site.json', 'all.rss', 'wire.atom'][n % 3];
  return { path: `/feeds/${feed}?filter=${encodeURIComponent(pattern)}&filter_case_sensitive=false`, headers: { 'x-forwarded-for': `198.51.100.${n % 16}` } };
}

async function round(threads: string | undefined, hostileRate?: number): Promise<RoundResult> {
  const env = { ...process.env, ...(threads === undefined ? {} : { LOAD_THREADS: threads }), ...(hostileRate ? { LOAD_TRUST_PROXY: '1' } : {}) };
  const child = fork('bench/load-target.ts', [], { env, execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.LOAD_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.LOAD_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOAD_PROFILE] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = async <T>() => (await once(child, 'message'))[0] as T;
  try {
    const { port, pages } = await next<{ port: number; pages: string }>();
    const tags = await etags(port);
    // Idle baseline: the scheduler scraping, no requests.
    child.send('baseline');
    await new Promise((r) => setTimeout(r, 3000));
    child.send('start');
    const { idleMaxMs } = await next<{ idleMaxMs: number }>();
    // Half the requests conditional (a stale ETag after a scrape is a normal 200), accept-encoding mixed.
    const requests = PATHS.flatMap((path, i) => [
      { method: 'GET' as const, path, headers: { 'accept-encoding': i % 2 ? 'gzip' : 'br, gzip' } },
      { method: 'GET' as const, path, headers: { 'accept-encoding': 'gzip', 'if-none-match': tags.get(path) ?? '"none"' } },
    ]);
    let sent = 0;
    const hostileRun = hostileRate
      ? autocannon({
          url: `http://127.0.0.1:${port}`,
          // Enough connections that slow answers do not hold the rate under a tenth.
          connections: 100,
          overallRate: hostileRate,
          duration: SECONDS,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, ...hostileRequest(sent++) }) }],
        })
      : undefined;
    const [result, hostileResult] = await Promise.all([autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: SECONDS, requests }), hostileRun]);
    child.send('stop');
    const r = await next<Report>();
    const errors = result.errors + result.timeouts + result['4xx'] + result['5xx'];
    console.log(`${SECONDS} s, ${CONNECTIONS} connections, ${PATHS.length} feed URLs x (plain, If-None-Match); site of ${pages}`);
    console.log(`requests: ${result.requests.total} (${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms); 2xx ${result['2xx']}, 304 ${result.non2xx - result['4xx'] - result['5xx']}`);
    const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => Number(code) >= 400).map(([code, { count }]) => `${code} x${count}`);
    console.log(`errors: ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, 4xx ${result['4xx']}, 5xx ${result['5xx']}${statuses.length ? `: ${statuses.join(', ')}` : ''}) (goal 0) ${errors === 0 ? 'ok' : 'MISSED'}`);
    console.log(`scraping meanwhile: ${r.runsDuringLoad} runs finished (${r.failedRuns} failed overall${r.runErrors.length ? `: ${r.runErrors.join('; ')}` : ''}), stories ${r.storiesAtStart} -> ${r.storiesAtEnd}`);
    if (hostileResult) {
      const codes = Object.entries(hostileResult.statusCodeStats ?? {}).map(([code, { count }]) => `${code} x${count}`);
      const share = (100 * hostileResult.requests.total) / (hostileResult.requests.total + result.requests.total);
      console.log(`hostile requests: ${hostileResult.requests.total}, ${share.toFixed(1)}% of all (p99 ${hostileResult.latency.p99} ms; ${codes.join(', ')}; socket errors ${hostileResult.errors}, timeouts ${hostileResult.timeouts}); the lines above count only the other requests`);
    }
    console.log(`render cache: ${r.renderCache.hits} hits, ${r.renderCache.misses} misses (renders), ${r.renderCache.evictions} evictions`);
    console.log(`RSS: start ${mb(r.rssStart)}, end ${mb(r.rssEnd)} (growth ${mb(r.rssEnd - r.rssStart)}); every 10 s: ${r.rssSeries.map(mb).join(', ')}`);
    console.log(`live heap after full GC: start ${mb(r.heapStart)}, end ${mb(r.heapEnd)} (growth ${mb(r.heapEnd - r.heapStart)}, ${r.storiesAtEnd - r.storiesAtStart} stories added), 6 s later ${mb(r.heapSettled)} (growth ${mb(r.heapSettled - r.heapStart)})`);
    console.log(
      `event-loop delay: max ${r.loopMaxMs.toFixed(1)} ms, p99 ${r.loopP99Ms.toFixed(1)} ms under load; idle baseline max ${idleMaxMs.toFixed(1)} ms ` +
        `(${(r.loopMaxMs / Math.max(idleMaxMs, 1)).toFixed(1)}x) (goal < 100 ms) ${r.loopMaxMs < 100 ? 'ok' : 'MISSED'}`,
    );
    return { loopMaxMs: r.loopMaxMs, reqPerSec: result.requests.average, p99: result.latency.p99, errors };
  } finally {
    // The child exits by itself after its report (writing a CPU profile when asked).
    const exited = child.exitCode !== null ? Promise.resolve() : once(child, 'exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}
