import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { systemClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';

// timeoutMs is a hang guard where timeouts are not under test: a loaded machine may take seconds.
const FAST: Partial<HttpClientOptions> = { perHostDelayMs: 0, retryBaseMs: 5, timeoutMs: 15_000, userAgent: 'wirefeed-test/1.0 (+https://example.org)' };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
}

describe('fetch: polite HTTP client', () => {
  let server: LocalServer;
  let http: HttpClient;
  let source: { id: string; url: string };
  /** Every client a test makes is closed after it, whether or not the test got that far. */
  const opened: HttpClient[] = [];
  const client = (options: Partial<HttpClientOptions> = {}, validators?: SqliteStore) => {
    const made = createHttpClient({ ...FAST, ...options }, { clock: systemClock, log: silentLogger(), validators });
    opened.push(made);
    return made;
  };

  beforeEach(async () => {
    server = await startServer({
      '/robots.txt': reply('User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
    });
    source = { id: 'site', url: `${server.origin}/` };
    http = client();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await server.close();
  });

  it('identifies itself and reads robots.txt once per host', async () => {
    server.route('/a', reply('<p>a</p>'));
    server.route('/b', reply('<p>b</p>'));
    const a = await http.get(`${server.origin}/a`, { source });
    await http.get(`${server.origin}/b`, { source });
    assert.equal(a.status, 200);
    assert.equal(a.text, '<p>a</p>');
    assert.equal(server.hits('/a')[0]?.headers['user-agent'], 'wirefeed-test/1.0 (+https://example.org)');
    assert.equal(server.hits('/robots.txt').length, 1);
  });

  it('refuses paths that robots.txt disallows, without requesting them', async () => {
    server.route('/private/x', reply('secret'));
    await rejectsWith(http.get(`${server.origin}/private/x`, { source }), 'FETCH_DISALLOWED');
    assert.equal(server.hits('/private/x').length, 0);
  });

  it('treats an erroring robots.txt as disallow-all and a missing one as allow-all (RFC 9309)', async () => {
    server.route('/robots.txt', reply('down', {}, 500));
    server.route('/page', reply('ok'));
    await rejectsWith(client({ retries: 0 }).get(`${server.origin}/page`, { source }), 'FETCH_DISALLOWED');
    server.route('/robots.txt', reply('nothing here', {}, 404));
    assert.equal((await client().get(`${server.origin}/page`, { source })).text, 'ok');
  });

  it('decompresses gzip and brotli', async () => {
    const html = '<p>compressed story</p>'.repeat(50);
    server.route('/gz', reply(gzipSync(html), { 'content-encoding': 'gzip' }));
    server.route('/br', reply(brotliCompressSync(html), { 'content-encoding': 'br' }));
    assert.equal((await http.get(`${server.origin}/gz`, { source })).text, html);
    assert.equal((await http.get(`${server.origin}/br`, { source })).text, html);
    assert.match(String(server.hits('/gz')[0]?.headers['accept-encoding']), /gzip.*br/);
  });

  it('remembers the hash of the decompressed body, hashed while it streamed in', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const html = '<p>compressed story</p>'.repeat(5_000);
    server.route('/gz', reply(gzipSync(html), { 'content-encoding': 'gzip' }));
    await (await client({}, store).get(`${server.origin}/gz`, { source })).commitValidators();
    const saved = await store.getValidators(source.id, `${server.origin}/gz`);
    assert.equal(saved?.bodyHash, createHash('sha256').update(html).digest('base64url'));
    await store.close();
  });

  describe('charset decoding', () => {
    const cases: { name: string; charset: string; text: string; declare: 'header' | 'meta' | 'bom' | 'none' }[] = [
      { name: 'UTF-8 by BOM', charset: 'utf-8', text: 'Ünïcödé — “quotes”', declare: 'bom' },
      { name: 'UTF-8 undeclared', charset: 'utf-8', text: 'Zürich café', declare: 'none' },
      { name: 'windows-1252 by header', charset: 'windows-1252', text: 'Café “smart” – dash', declare: 'header' },
      { name: 'ISO-8859-1 by meta', charset: 'iso-8859-1', text: 'Señor Müller', declare: 'meta' },
      { name: 'EUC-KR by header', charset: 'euc-kr', text: '서울 뉴스 속보', declare: 'header' },
      { name: 'Shift_JIS by meta', charset: 'shift_jis', text: '東京のニュース', declare: 'meta' },
      { name: 'GB18030 by meta', charset: 'gb18030', text: '北京新闻报道', declare: 'meta' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const meta = c.declare === 'meta' ? `<meta charset="${c.charset}">` : '';
        const html = `<html><head>${meta}<title>t</title></head><body><p>${c.text}</p></body></html>`;
        let bytes = iconv.encode(html, c.charset);
        if (c.declare === 'bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
        const type = c.declare === 'header' ? `text/html; charset=${c.charset}` : 'text/html';
        server.route('/page', reply(bytes, { 'content-type': type }));
        const res = await http.get(`${server.origin}/page`, { source });
        assert.ok(res.text.includes(`<p>${c.text}</p>`), res.text);
        assert.ok(!res.text.startsWith('\uFEFF'), 'BOM removed');
      });
    }
  });

  describe('size cap', () => {
    it('refuses a declared Content-Length over the cap', async () => {
      server.route('/big', reply('x'.repeat(5000)));
      await rejectsWith(client({ maxBytes: 1000 }).get(`${server.origin}/big`, { source }), 'FETCH_TOO_LARGE');
    });

    it('stops a streamed body without length at the cap', async () => {
      server.route('/stream', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 50; i++) res.write('y'.repeat(1000));
        res.end();
      });
      await rejectsWith(client({ maxBytes: 10_000 }).get(`${server.origin}/stream`, { source }), 'FETCH_TOO_LARGE');
    });

    it('counts decompressed bytes (a small gzip bomb)', async () => {
      const bomb = gzipSync(Buffer.alloc(2_000_000, 0x20));
      assert.ok(bomb.length < 10_000);
      server.route('/bomb', reply(bomb, { 'content-encoding': 'gzip' }));
      await rejectsWith(client({ maxBytes: 100_000 }).get(`${server.origin}/bomb`, { source }), 'FETCH_TOO_LARGE');
    });
  });

  describe('redirects and the address guard', () => {
    it('follows redirects up to the cap, then fails', async () => {
      for (let i = 0; i < 4; i++) server.route(`/r${i}`, reply('', { location: `/r${i + 1}` }, 302));
      server.route('/r4', reply('landed'));
      const res = await http.get(`${server.origin}/r0`, { source });
      assert.equal(res.url, `${server.origin}/r4`);
      assert.equal(res.text, 'landed');
      await rejectsWith(client({ maxRedirects: 2 }).get(`${server.origin}/r0`, { source }), 'FETCH_REDIRECTS');
    });

    it('lets a source fetch its own configured host on loopback, but no other private host', async () => {
      server.route('/to-localhost', reply('', { location: `http://localhost:${server.port}/landing` }, 302));
      server.route('/to-metadata', reply('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302));
      server.route('/landing', reply('inside'));
      await rejectsWith(http.get(`${server.origin}/to-localhost`, { source }), 'FETCH_ADDRESS_REFUSED');
      await rejectsWith(http.get(`${server.origin}/to-metadata`, { source }), 'FETCH_ADDRESS_REFUSED');
      assert.equal(server.hits('/landing').length, 0);
    });

    it('refuses a loopback URL for a caller with no source, before connecting', async () => {
      server.route('/x', reply('x'));
      await rejectsWith(http.get(`${server.origin}/x`), 'FETCH_ADDRESS_REFUSED');
      await rejectsWith(http.get(`http://localhost:${server.port}/x`), 'FETCH_ADDRESS_REFUSED');
      assert.equal(server.requests.length, 0);
    });

    it('allows private redirects with fetch.allowPrivateNetworks', async () => {
      server.route('/to-localhost', reply('', { location: `http://localhost:${server.port}/landing` }, 302));
      server.route('/landing', reply('inside'));
      const open = client({ allowPrivateNetworks: true });
      assert.equal((await open.get(`${server.origin}/to-localhost`, { source })).text, 'inside');
    });
  });

  describe('retries and timeouts', () => {
    it('retries a 503 after its Retry-After and succeeds', async () => {
      let calls = 0;
      server.route('/flaky', (_req, res) => {
        calls += 1;
        if (calls === 1) return void res.writeHead(503, { 'retry-after': '0' }).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
      });
      assert.equal((await http.get(`${server.origin}/flaky`, { source })).text, 'fine');
      assert.equal(calls, 2);
    });

    it('gives up at once when Retry-After asks for longer than allowed', async () => {
      server.route('/busy', reply('', { 'retry-after': '3600' }, 429));
      await rejectsWith(http.get(`${server.origin}/busy`, { source }), 'FETCH_FAILED');
      assert.equal(server.hits('/busy').length, 1);
    });

    it('backs off on 5xx up to the retry count; 4xx is not retried', async () => {
      server.route('/down', reply('', {}, 500));
      server.route('/gone', reply('', {}, 404));
      await rejectsWith(client({ retries: 3 }).get(`${server.origin}/down`, { source }), 'FETCH_FAILED');
      assert.equal(server.hits('/down').length, 4);
      await rejectsWith(http.get(`${server.origin}/gone`, { source }), 'FETCH_REJECTED');
      assert.equal(server.hits('/gone').length, 1);
    });

    it('times out a server that never answers', async () => {
      server.route('/hang', () => undefined);
      await rejectsWith(client({ timeoutMs: 150, retries: 0 }).get(`${server.origin}/hang`, { source }), 'FETCH_TIMEOUT');
    });
  });

  it('makes a conditional GET with stored validators; a 304 has no body', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const cached = client({}, store);
    server.route('/listing', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'text/html' }).end('<p>listing</p>');
    });
    const first = await cached.get(`${server.origin}/listing`, { source, conditional: true });
    assert.equal(first.status, 200);
    await first.commitValidators();
    const second = await cached.get(`${server.origin}/listing`, { source, conditional: true });
    assert.equal(second.notModified, true);
    assert.equal(second.text, '');
    assert.equal(server.hits('/listing')[1]?.headers['if-none-match'], '"v1"');
    const other = await cached.get(`${server.origin}/listing`, { source: { ...source, id: 'other' }, conditional: true });
    assert.equal(other.status, 200, 'validators are per source');
    await store.close();
  });

  it('keeps per-host concurrency over real requests', async () => {
    let active = 0;
    let peak = 0;
    server.route('*', (_req, res) => {
      active += 1;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active -= 1;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }, 20);
    });
    const paced = client({ perHostConcurrency: 1, perHostDelayMs: 30 });
    await Promise.all([1, 2, 3].map((i) => paced.get(`${server.origin}/p${i}`, { source })));
    assert.equal(peak, 1);
    assert.equal(server.requests.filter((r) => r.path.startsWith('/p')).length, 3);
  });
});
