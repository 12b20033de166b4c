// SSRF: no redirect, link or name can make the fetcher reach loopback, private, link-local
// or metadata addresses, judged on the address a name RESOLVES to (so a DNS answer of
// 127.0.0.1, or a rebinding answer, is refused); the source's own host and
// fetch.allowPrivateNetworks are the only ways in.
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { systemClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import type { Resolve } from '../../src/fetch/address-guard.js';
import { createHttpClient, type HttpClientOptions } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { runSource } from '../../src/schedule/run-source.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { testApp } from '../support/test-app.js';

const FAST: Partial<HttpClientOptions> = { perHostDelayMs: 0, retryBaseMs: 5, retries: 0, timeoutMs: 2_000 };

/** A resolver from a table (hosts-file style): what a hostile DNS server would answer. */
function resolverFrom(table: Record<string, string[]>): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    asked.push(hostname);
    const answers = table[hostname];
    if (!answers) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as Resolve & { asked: string[] };
  resolve.asked = asked;
  return resolve;
}

async function refused(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof AppError && err.code === 'FETCH_ADDRESS_REFUSED');
}

describe('hardening: SSRF guard on the resolved address', () => {
  let inside: LocalServer;
  const secret = reply('INTERNAL SECRET', { 'content-type': 'text/plain' });
  beforeEach(async () => {
    inside = await startServer({ '/robots.txt': reply('', {}, 404), '/secret': secret });
  });
  afterEach(async () => inside?.close());

  it('a public-looking name that resolves to 127.0.0.1 is refused; allowed only with allowPrivateNetworks', async () => {
    const resolve = resolverFrom({ 'news.rebind.test': ['127.0.0.1'] });
    const url = `http://news.rebind.test:${inside.port}/secret`;
    const http = createHttpClient(FAST, { clock: systemClock, log: silentLogger(), resolve });
    await refused(http.get(url, { source: { id: 'elsewhere', url: 'https://news.example.com/' } }));
    assert.ok(resolve.asked.includes('news.rebind.test'), 'the injected resolver was not consulted');
    assert.equal(inside.hits('/secret').length, 0);
    await http.close();
    // The same answer with the opt-in reaches the server: the refusal above was the guard's.
    const open = createHttpClient({ ...FAST, allowPrivateNetworks: true }, { clock: systemClock, log: silentLogger(), resolve });
    assert.equal((await open.get(url)).text, 'INTERNAL SECRET');
    await open.close();
  });

  it('an answer mixing public and private addresses is refused (any private answer taints the name)', async () => {
    const resolve = resolverFrom({ 'mixed.rebind.test': ['93.184.216.34', '127.0.0.1'], 'meta.rebind.test': ['169.254.169.254'], 'v6.rebind.test': ['::1'], 'mapped.rebind.test': ['::ffff:10.0.0.7'] });
    const http = createHttpClient(FAST, { clock: systemClock, log: silentLogger(), resolve });
    for (const host of ['mixed', 'meta', 'v6', 'mapped']) await refused(http.get(`http://${host}.rebind.test:${inside.port}/secret`));
    assert.equal(inside.requests.length, 0);
    await http.close();
  });

  it('every spelling of an inside address is refused before connecting', async () => {
    const http = createHttpClient(FAST, { clock: systemClock, log: silentLogger() });
    const p = inside.port;
    const spellings = [
      `http://127.0.0.1:${p}/secret`, `http://[::1]:${p}/secret`, `http://0.0.0.0:${p}/secret`, `http://[::ffff:127.0.0.1]:${p}/secret`,
      `http://2130706433:${p}/secret`, `http://0x7f.1:${p}/secret`, `http://017700000001:${p}/secret`, `http://localhost:${p}/secret`,
      'http://169.254.169.254/latest/meta-data/', 'http://[fd00::1]/', 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://172.16.0.1/', 'http://100.64.0.1/', 'http://[fe80::1]/',
    ];
    for (const url of spellings) await refused(http.get(url, { source: { id: 'elsewhere', url: 'https://news.example.com/' } }));
    assert.equal(inside.requests.length, 0);
    await http.close();
  });

  it('redirect chains from the trusted source host into other inside hosts are refused at the hop', async () => {
    const resolve = resolverFrom({ 'rebind.test': ['127.0.0.1'] });
    const http = createHttpClient(FAST, { clock: systemClock, log: silentLogger(), resolve });
    const source = { id: 'site', url: `${inside.origin}/` };
    inside.route('/r1', reply('', { location: `http://rebind.test:${inside.port}/secret` }, 302));
    inside.route('/r2', reply('', { location: `http://[::1]:${inside.port}/secret` }, 301));
    inside.route('/r3', reply('', { location: '/r4' }, 307));
    inside.route('/r4', reply('', { location: 'http://169.254.169.254/latest/meta-data/iam/' }, 308));
    for (const path of ['/r1', '/r2', '/r3']) await refused(http.get(`${inside.origin}${path}`, { source }));
    assert.equal(inside.hits('/secret').length, 0);
    // Its own configured host is fine: the source may live on a private network.
    assert.equal((await http.get(`${inside.origin}/secret`, { source })).text, 'INTERNAL SECRET');
    await http.close();
  });

  it('an html source: links and article redirects into inside hosts fail their item, the good article is stored', async () => {
    const p = inside.port;
    const page = (title: string) => `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'The harbour reopened after repairs, officials said on Monday. '.repeat(8)}</p></article></body></html>`;
    inside.route('/news/', reply(`<ul><li><a class="story" href="/news/good.html">Good</a></li><li><a class="story" href="/news/bounce.html">Bounce</a></li>
      <li><a class="story" href="http://localhost:${p}/secret">Local</a></li><li><a class="story" href="http://169.254.169.254/latest/meta-data/">Meta</a></li>
      <li><a class="story" href="http://[::1]:${p}/secret">V6</a></li></ul>`));
    inside.route('/news/good.html', reply(page('Harbour reopens')));
    inside.route('/news/bounce.html', reply('', { location: `http://localhost:${p}/secret` }, 302));
    const app = await testApp({ extraConfig: { 'wirefeed.yaml': 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n', 'sources/site.yaml': `id: site\ntype: html\nurl: ${inside.origin}/news/\nlinks: a.story\n` } });
    try {
      const source = app.config.sources.find((s) => s.id === 'site')!;
      const outcome = await runSource(source, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http });
      assert.equal(outcome.error, null);
      assert.equal(outcome.new, 1);
      assert.ok(outcome.failed >= 1, `the redirect into localhost was not a failed item: ${JSON.stringify(outcome)}`);
      assert.equal(inside.hits('/secret').length, 0);
      const [only] = await app.store.listStories({ sourceIds: ['site'], limit: 10 });
      assert.equal(only?.story.title, 'Harbour reopens');
    } finally {
      await app.dispose();
    }
  });
});
