// Fetch limits beyond the size cap: the decompression ratio and the whole-request deadline
// that a slow-drip body cannot stretch.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { systemClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';

// timeoutMs is a hang guard for the tests that do not test timeouts: a loaded machine may take seconds.
const FAST: Partial<HttpClientOptions> = { perHostDelayMs: 0, retries: 0, timeoutMs: 15_000, maxBytes: 64 * 1024 * 1024 };
/** Every client made is closed after its test. */
const opened: HttpClient[] = [];
const client = (o: Partial<HttpClientOptions> = {}) => {
  const made = createHttpClient({ ...FAST, ...o }, { clock: systemClock, log: silentLogger() });
  opened.push(made);
  return made;
};

async function failsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

describe('hardening: fetch limits', () => {
  let server: LocalServer;
  let source: { id: string; url: string };
  before(async () => {
    server = await startServer({ '/robots.txt': reply('', {}, 404) });
    source = { id: 'site', url: `${server.origin}/` };
  });
  afterEach(async () => Promise.all(opened.splice(0).map((c) => c.close())));
  after(async () => server?.close());

  it('refuses a body that inflates past the decompression ratio, even under the size cap', async () => {
    // 8 MB of spaces gzip to ~8 KB: a ratio near 1000.
    server.route('/bomb', reply(gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }));
    await failsWith(client().get(`${server.origin}/bomb`, { source }), 'FETCH_TOO_LARGE', /decompresses by more than 100x/);
    await failsWith(client({ maxDecompressionRatio: 10 }).get(`${server.origin}/bomb`, { source }), 'FETCH_TOO_LARGE', /more than 10x/);
  });

  it('accepts ordinary compressed pages, small repetitive ones included', async () => {
    // Text-like content compresses 3-10x; 2 MB of it passes the ratio check.
    const page = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `<p>Paragraph ${i} ${randomBytes(12).toString('base64')}</p>\n`).join(''));
    server.route('/page', reply(gzipSync(page), { 'content-encoding': 'gzip' }));
    server.route('/tiny', reply(gzipSync(Buffer.alloc(500_000, 0x20)), { 'content-encoding': 'gzip' }));
    assert.equal((await client().get(`${server.origin}/page`, { source })).body.length, page.length);
    assert.equal((await client().get(`${server.origin}/tiny`, { source })).body.length, 500_000);
  });

  it('a slow-drip body cannot outlast timeoutMs: FETCH_TIMEOUT, not a hang', async () => {
    server.route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    });
    await failsWith(client({ timeoutMs: 300 }).get(`${server.origin}/drip`, { source }), 'FETCH_TIMEOUT', /timed out/);
  });
});
