// A misbehaving upstream (one local server, one path per fault) under real feed and html
// sources: each run fails cleanly with its reason in the runs table, the good source
// beside them keeps working, and every feed keeps serving.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { runSource, type RunOutcome } from '../../src/schedule/run-source.js';
import { reply, startServer, type Handler, type LocalServer } from '../support/local-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

const RSS = (n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title><link>https://good.example.com/</link><description>d</description>${Array.from(
  { length: n },
  (_, i) => `<item><title>Good story ${i}</title><link>https://good.example.com/${i}</link><description>Body of good story ${i}.</description></item>`,
).join('')}</channel></rss>`;

const CAP = 1024 * 1024;
/** Bytes the 100 MB handler managed to hand to the socket before the client went away. */
let hugeWritten = 0;

function hundredMegabytes(_req: unknown, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const total = 100 * 1024 * 1024;
  const pump = () => {
    while (hugeWritten < total && !res.destroyed) {
      hugeWritten += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const slowDrip: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
  res.on('close', () => clearInterval(timer));
};

/** Each fault: its handler and what the recorded reason must say. */
const FAULTS: Record<string, { handler: Handler; reason: RegExp }> = {
  timeout: { handler: () => undefined, reason: /timed out/i },
  reset: { handler: (req) => req.socket.destroy(), reason: /socket|reset|closed|ECONNRESET|other side/i },
  'http-500': { handler: reply('oops', {}, 500), reason: /HTTP 500/ },
  'http-429': { handler: reply('slow down', { 'retry-after': '3600' }, 429), reason: /HTTP 429/ },
  'redirect-loop': { handler: (req, res) => void res.writeHead(302, { location: req.url! }).end(), reason: /redirects/ },
  'wrong-content-type': { handler: reply(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe]), { 'content-type': 'image/png' }), reason: /not a feed/ },
  'truncated-gzip': { handler: reply(gzipSync(Buffer.from(RSS(20))).subarray(0, 200), { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }), reason: /cannot read body|unexpected end|incomplete/i },
  'declared-100mb': { handler: reply('x', { 'content-length': String(100 * 1024 * 1024) }), reason: /over the .* byte cap|larger than/ },
  'streamed-100mb': { handler: hundredMegabytes, reason: /larger than/ },
  'slow-drip': { handler: slowDrip, reason: /timed out/i },
};

describe('hardening: faults from a misbehaving upstream', function () {
  this.timeout(60_000);
  let upstream: LocalServer;
  let app: TestApp;
  let outcomes: RunOutcome[];

  before(async () => {
    upstream = await startServer({ '/robots.txt': reply('', {}, 404), '/good.xml': reply(RSS(3), { 'content-type': 'application/rss+xml' }) });
    for (const [name, f] of Object.entries(FAULTS)) upstream.route(`/${name}`, f.handler);
    const sources = Object.fromEntries(
      [...Object.keys(FAULTS).map((name) => [name, `/${name}`]), ['good', '/good.xml']].map(([name, path]) => [
        `sources/${name}.yaml`,
        `id: ${name}\ntype: feed\nurl: ${upstream.origin}${path}\n`,
      ]),
    );
    const global = `fetch:\n  timeoutMs: 2500\n  connectTimeoutMs: 2500\n  retries: 1\n  retryBaseMs: 10\n  maxRetryAfterMs: 1000\n  perHostDelayMs: 0\n  perHostConcurrency: 16\n  maxBytes: ${CAP}\n  maxRedirects: 3\n`;
    app = await testApp({ extraConfig: { ...sources, 'wirefeed.yaml': global } });
    // Every test below reads this one round of runs (not what an earlier test left).
    const deps = { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http };
    outcomes = await Promise.all(app.config.sources.filter((s) => s.type === 'feed').map((s) => runSource(s, deps)));
  });
  after(async () => {
    await app?.dispose();
    await upstream?.close();
  });

  it('runs every faulty source and the good one together: each fault fails with its reason, the good one stores', async () => {
    assert.equal(outcomes.length, Object.keys(FAULTS).length + 1);
    const good = outcomes.find((o) => o.sourceId === 'good')!;
    assert.equal(good.error, null);
    assert.equal(good.new, 3);
    for (const [name, fault] of Object.entries(FAULTS)) {
      const run = await app.store.lastRun(name);
      assert.ok(run, `${name}: no run recorded`);
      if (process.env.DEBUG_FAULTS) console.log(name, run.status, run.error);
      assert.notEqual(run.status, 'running', `${name}: run left running`);
      assert.equal(run.status, 'failed', `${name}: ${JSON.stringify(run)}`);
      assert.match(run.error ?? '', fault.reason, `${name}: recorded reason "${run.error}"`);
      assert.equal(await app.store.countStories(name), 0, `${name}: stored something`);
    }
  });

  it('the 100 MB body was streamed and cut at the cap, never buffered whole', () => {
    assert.ok(hugeWritten > 0, 'the 100 MB route never ran');
    if (process.env.DEBUG_FAULTS) console.log('written', hugeWritten);
    // The server writes until the socket pushes back; a few socket buffers beyond the cap at most.
    assert.ok(hugeWritten < 20 * CAP, `server wrote ${hugeWritten} bytes before the client hung up`);
  });

  it('every feed keeps serving: the good one with its stories, the failed ones empty but well-formed', async () => {
    const good = await request(app.web).get('/feeds/good.json').expect(200);
    assert.equal(JSON.parse(good.text).items.length, 3);
    for (const name of Object.keys(FAULTS)) {
      await request(app.web).get(`/feeds/${name}.rss`).expect(200);
      await request(app.web).get(`/feeds/${name}.json`).expect(200);
    }
    await request(app.web).get('/healthz').expect(200);
  });
});
