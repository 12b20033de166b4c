// Which addresses the fetcher may reach (issue 15, finding 6): global unicast only, with
// every IPv6 spelling that carries an IPv4 address judged by it or refused; and the
// source's own host keeps only the inside addresses it first resolved to (no rebinding).
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { systemClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import { guardedLookup, isPublicAddress, type Resolve } from '../../src/fetch/address-guard.js';
import { createHttpClient } from '../../src/fetch/http-client.js';
import { silentLogger } from '../../src/log.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';

const PUBLIC = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '64:ff9b::8.8.8.8'];

const NOT_PUBLIC: Record<string, string> = {
  '127.0.0.1': 'loopback',
  '10.0.0.1': 'private',
  '172.16.0.1': 'private',
  '192.168.1.1': 'private',
  '169.254.169.254': 'link-local (cloud metadata)',
  '100.64.0.1': 'CGNAT',
  '0.0.0.0': 'unspecified',
  '255.255.255.255': 'broadcast',
  '224.0.0.1': 'multicast',
  '192.0.2.1': 'documentation',
  '198.18.0.1': 'benchmarking',
  '240.0.0.1': 'reserved',
  '::': 'unspecified',
  '::1': 'loopback',
  '::127.0.0.1': 'IPv4-compatible loopback',
  '::7f00:1': 'IPv4-compatible loopback, hex',
  '::a00:1': 'IPv4-compatible private',
  '::808:808': 'IPv4-compatible (deprecated even when public)',
  '::ffff:127.0.0.1': 'IPv4-mapped loopback',
  '::ffff:a9fe:a9fe': 'IPv4-mapped metadata',
  '::ffff:0:7f00:1': 'IPv4-translated (RFC 6145)',
  '64:ff9b::7f00:1': 'NAT64 of loopback',
  '64:ff9b::169.254.169.254': 'NAT64 of metadata',
  '64:ff9b:1::a00:1': 'local-use NAT64 (RFC 8215)',
  '2002:7f00:1::1': '6to4 of loopback',
  '2002:808:808::1': '6to4 (tunnels to the IPv4 it carries)',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2': 'Teredo',
  'fe80::1': 'link-local',
  'fc00::1': 'unique local',
  'fd00:ec2::254': 'unique local (cloud metadata)',
  'ff02::1': 'multicast',
  '2001:db8::1': 'documentation',
  '3fff::1': 'documentation (RFC 9637)',
  '100::1': 'discard-only',
  'fec0::1': 'site-local (deprecated)',
  '4000::1': 'outside 2000::/3',
  'not-an-address': 'not an address',
};

/** A resolver whose answers the test changes between lookups: a DNS server its owner controls. */
function switchableResolver(answers: Record<string, string[]>): Resolve {
  return ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const list = answers[hostname];
    if (!list) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as Resolve;
}

function lookupOnce(lookup: ReturnType<typeof guardedLookup>, hostname: string): Promise<string> {
  return new Promise((resolve, reject) => lookup(hostname, { family: 0 }, (err, address) => (err ? reject(err) : resolve(String(address)))));
}

const isRefusal = (err: unknown) => err instanceof AppError && err.code === 'FETCH_ADDRESS_REFUSED';

describe('hardening: global unicast only', () => {
  for (const address of PUBLIC) it(`${address} is public`, () => assert.equal(isPublicAddress(address), true));
  for (const [address, why] of Object.entries(NOT_PUBLIC)) it(`${address} is refused: ${why}`, () => assert.equal(isPublicAddress(address), false));

  describe('IPv6 literals carrying an inside IPv4 address', () => {
    let inside: LocalServer;
    before(async () => {
      inside = await startServer({ '/robots.txt': reply('', {}, 404), '/secret': reply('INTERNAL SECRET') });
    });
    after(async () => inside?.close());

    it('are refused before connecting, in every spelling', async () => {
      const http = createHttpClient({ perHostDelayMs: 0, retries: 0, timeoutMs: 2_000 }, { clock: systemClock, log: silentLogger() });
      try {
        for (const host of ['[::127.0.0.1]', '[::7f00:1]', '[0:0:0:0:0:0:127.0.0.1]', '[::ffff:0:127.0.0.1]', '[64:ff9b::127.0.0.1]', '[2002:7f00:1::1]', '[::169.254.169.254]'])
          await assert.rejects(http.get(`http://${host}:${inside.port}/secret`, { source: { id: 'elsewhere', url: 'https://news.example.com/' } }), isRefusal, host);
        assert.equal(inside.requests.length, 0);
      } finally {
        await http.close();
      }
    });
  });
});

describe('hardening: the source\'s own host is pinned to the inside addresses it first had', () => {
  const trusted = { allowPrivate: false, trustedHost: 'own.example.test' };

  it('a public host cannot rebind to loopback or the metadata address', async () => {
    const answers: Record<string, string[]> = { 'own.example.test': ['93.184.216.34'] };
    const lookup = guardedLookup(trusted, switchableResolver(answers));
    assert.equal(await lookupOnce(lookup, 'own.example.test'), '93.184.216.34');
    for (const rebound of [['127.0.0.1'], ['169.254.169.254'], ['93.184.216.34', '10.0.0.1'], ['::1']]) {
      answers['own.example.test'] = rebound;
      await assert.rejects(lookupOnce(lookup, 'own.example.test'), (err: unknown) => isRefusal(err) && /first resolved/.test(String((err as Error).message)), rebound.join());
    }
    answers['own.example.test'] = ['93.184.216.35'];
    assert.equal(await lookupOnce(lookup, 'own.example.test'), '93.184.216.35', 'a new public address is fine');
  });

  it('an inside host keeps its first addresses (in any spelling) and may not move to others', async () => {
    const answers: Record<string, string[]> = { 'own.example.test': ['10.0.0.7', 'fd00::7'] };
    const lookup = guardedLookup(trusted, switchableResolver(answers));
    assert.equal(await lookupOnce(lookup, 'own.example.test'), '10.0.0.7');
    answers['own.example.test'] = ['fd00:0:0:0:0:0:0:7'];
    assert.equal(await lookupOnce(lookup, 'own.example.test'), 'fd00:0:0:0:0:0:0:7');
    answers['own.example.test'] = ['169.254.169.254'];
    await assert.rejects(lookupOnce(lookup, 'own.example.test'), isRefusal);
  });

  it('through the HTTP client: the first answer works, a rebound answer is refused before connecting', async () => {
    // Connection: close on every answer, so that each fetch resolves the name again.
    const inside = await startServer({ '/robots.txt': reply('', { connection: 'close' }, 404), '/news': reply('NEWS', { connection: 'close' }) });
    const answers: Record<string, string[]> = { 'own.example.test': ['127.0.0.1'] };
    const http = createHttpClient({ perHostDelayMs: 0, retries: 0, timeoutMs: 2_000 }, { clock: systemClock, log: silentLogger(), resolve: switchableResolver(answers) });
    const url = `http://own.example.test:${inside.port}/news`;
    const source = { id: 'own', url };
    try {
      assert.equal((await http.get(url, { source })).text, 'NEWS');
      answers['own.example.test'] = ['127.0.0.2'];
      const before = inside.requests.length;
      await assert.rejects(http.get(url, { source }), isRefusal);
      assert.equal(inside.requests.length, before);
    } finally {
      await http.close();
      await inside.close();
    }
  });
});
