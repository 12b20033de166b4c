// Child process of serve.bench.ts: wirefeed serving a 50-story feed, and a bare node:http
// server serving the very bytes and headers wirefeed sent. Prints both ports as JSON.
import { createServer, get, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { createApp, listen } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { tempDir } from '../test/support/temp-dir.js';

const FEED = '/feeds/bench.rss';
const ENCODING = 'gzip';

const dir = tempDir('wirefeed-bench-');
dir.write('config/sources/bench.yaml', `id: bench\ntitle: Bench desk\ntype: files\npath: ${dir.path('stories')}\nmaxItems: 50\n`);
// Story text drawn from the sample stories' words by a seeded generator: about 3 KB per
// story (a ~150 KB RSS body, as in the example) that compresses like real prose.
const words = readdirSync('stories')
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(`stories/${f}`, 'utf8').split(/\s+/))
  .filter(Boolean);
let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sentence = () => Array.from({ length: 8 + Math.floor(next() * 14) }, () => words[Math.floor(next() * words.length)]).join(' ') + '.';
for (let i = 0; i < 50; i++) {
  const paragraphs = Array.from({ length: 10 }, () => Array.from({ length: 2 }, sentence).join(' '));
  dir.write(`stories/${String(i).padStart(2, '0')}.txt`, `${sentence()}\n\n${paragraphs.join('\n\n')}\n`);
}

const app = await createApp({
  env: { DATABASE_URL: 'file::memory:', WIREFEED_BASE_URL: 'https://feeds.example.org', PORT: '0' },
  configDir: dir.path('config'),
  log: silentLogger(),
});
await app.scheduler.runNow('bench');
const ours = await listen(app, 0);
const oursPort = (ours.address() as AddressInfo).port;

const first = await fetchRaw(oursPort, FEED, { 'accept-encoding': ENCODING });
const headers200 = pick(first.headers, ['content-type', 'content-length', 'content-encoding', 'etag', 'last-modified', 'cache-control', 'vary', 'access-control-allow-origin', 'x-content-type-options']);
const headers304 = pick(first.headers, ['etag', 'last-modified', 'cache-control', 'vary', 'access-control-allow-origin']);
const etag = String(first.headers.etag);

const bare = createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers304);
    res.end();
    return;
  }
  res.writeHead(200, headers200);
  res.end(first.body);
});
await new Promise<void>((resolve) => bare.listen(0, resolve));

process.stdout.write(
  `${JSON.stringify({ ours: oursPort, bare: (bare.address() as AddressInfo).port, path: FEED, etag, encoding: ENCODING, bytes: first.body.length })}\n`,
);
process.on('SIGTERM', async () => {
  process.stderr.write(`render cache ${JSON.stringify(app.renderCache.stats)}\n`);
  ours.close();
  bare.close();
  await app.close();
  dir.remove();
  process.exit(0);
});

function fetchRaw(port: number, path: string, headers: OutgoingHttpHeaders): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function pick(h: IncomingHttpHeaders, names: string[]): OutgoingHttpHeaders {
  return Object.fromEntries(names.filter((n) => h[n] !== undefined).map((n) => [n, h[n]]));
}
