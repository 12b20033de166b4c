// Run errors on /status and /api/sources (issue 15, finding 6): anyone sees what went
// wrong, only the admin token sees where (inside addresses, folders, foreign hosts).
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { redactRunError } from '../../src/server/redact-error.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testThreads } from '../support/test-app.js';

const TOKEN = 'admin-secret-token-0123456789';
const OWN = new Set(['news.example.com']);

const CASES: [string, string][] = [
  ['refusing to fetch rebind.test: 10.0.0.7 is not a public address', 'refusing to fetch [host]: [address] is not a public address'],
  ['refusing to fetch [fd00::7]: fd00::7 is not a public address', 'refusing to fetch [address]: [address] is not a public address'],
  ['connect ECONNREFUSED 127.0.0.1:8080', 'connect ECONNREFUSED [address]'],
  ['cannot read folder /srv/wire/inbox: ENOENT', 'cannot read folder [path]: ENOENT'],
  ['cannot read folder C:\\wire\\inbox: EACCES', 'cannot read folder [path]: EACCES'],
  ['getaddrinfo ENOTFOUND db.internal.corp', 'getaddrinfo ENOTFOUND [host]'],
  ['redirect to http://intranet.corp/admin: refused', 'redirect to [url]: refused'],
  ['https://news.example.com/feed.xml: HTTP 503', 'https://news.example.com/feed.xml: HTTP 503'],
  ['https://news.example.com/private: disallowed by robots.txt', 'https://news.example.com/private: disallowed by robots.txt'],
  ['not a feed: Unexpected close tag at line 3:14 (text/html)', 'not a feed: Unexpected close tag at line 3:14 (text/html)'],
  ['fetch timed out after 15000 ms at 08:00:00', 'fetch timed out after 15000 ms at 08:00:00'],
];

describe('hardening: run errors are redacted for the public', () => {
  for (const [error, shown] of CASES) it(`${JSON.stringify(error)} -> ${JSON.stringify(shown)}`, () => assert.equal(redactRunError(error, OWN), shown));

  describe('on /status and /api/sources', () => {
    let dir: TempDir;
    let app: App;
    let site: LocalServer;

    before(async () => {
      site = await startServer({ '/robots.txt': reply('', {}, 404), '/feed.xml': reply('', { location: 'http://10.0.0.7/feed.xml' }, 302) });
      dir = tempDir();
      dir.write('config/wirefeed.yaml', 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n');
      dir.write('config/sources/broken.yaml', `id: broken\ntype: files\npath: ${dir.path('missing-folder')}\n`);
      dir.write('config/sources/wire.yaml', `id: wire\ntype: feed\nurl: ${site.origin}/feed.xml\n`);
      app = await createApp({
        env: { DATABASE_URL: 'file::memory:', ADMIN_TOKEN: TOKEN },
        configDir: dir.path('config'),
        clock: fixedClock('2026-03-05T08:00:00.000Z'),
        log: silentLogger(),
        processMetrics: false,
        ...testThreads(),
      });
      await app.scheduler.runNow('broken');
      await app.scheduler.runNow('wire');
    });
    after(async () => {
      await app?.close();
      await site?.close();
      dir?.remove();
    });

    const errors = async (auth?: string) => {
      const api = request(app.web).get('/api/sources');
      const status = request(app.web).get('/status');
      if (auth) [api, status].forEach((r) => r.set('Authorization', auth));
      const list = (await api.expect(200)).body as { id: string; lastRun: { error: string | null } }[];
      return { api: Object.fromEntries(list.map((s) => [s.id, s.lastRun.error ?? ''])), status: (await status.expect(200)).text };
    };

    it('without the admin token (or with a wrong one): no inside address, no folder path', async () => {
      for (const auth of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`]) {
        const { api, status } = await errors(auth);
        assert.match(api.wire!, /\[address\] is not a public address/);
        assert.match(api.broken!, /cannot read folder \[path\]/);
        for (const text of [JSON.stringify(api), status]) {
          assert.doesNotMatch(text, /10\.0\.0\.7/);
          assert.ok(!text.includes(dir.path('missing-folder')), 'the folder path was shown');
        }
        assert.match(status, /cannot read folder \[path\]/);
      }
    });

    it('with the admin token: the whole error', async () => {
      const { api, status } = await errors(`Bearer ${TOKEN}`);
      assert.match(api.wire!, /10\.0\.0\.7 is not a public address/);
      assert.ok(api.broken!.includes(dir.path('missing-folder')));
      assert.match(status, /10\.0\.0\.7/);
      assert.ok(status.includes(dir.path('missing-folder')));
    });
  });
});
