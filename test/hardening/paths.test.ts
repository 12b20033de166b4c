// Paths: the files source reads only regular files directly in its folder (no symlink out,
// no subfolder, no `..`), and feed and source ids are validated before anything is looked up.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { runSource } from '../../src/schedule/run-source.js';
import { createServer } from '../../src/server/create-server.js';
import type { Store } from '../../src/store/store.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const WIRE = (title: string) => `${title}\n\nLONDON (Reuters) - The story ${title} happened on Monday.\n`;

/** The real store, counting every call: ids must be refused before any of them. */
function countingStore(store: Store): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('hardening: paths and ids', () => {
  let app: TestApp;
  let outside: TempDir;
  afterEach(async () => {
    await app?.dispose();
    outside?.remove();
  });

  it('the files source never follows a symlink or subfolder out of its folder', async () => {
    outside = tempDir('wirefeed-outside-');
    outside.write('secret.txt', WIRE('OUTSIDE SECRET FILE'));
    outside.write('dir/inner.txt', WIRE('OUTSIDE SECRET DIR'));
    app = await testApp({ files: { 'inside.txt': WIRE('Inside story') } });
    const stories = app.dir.path('stories');
    symlinkSync(outside.path('secret.txt'), `${stories}/leak.txt`);
    symlinkSync(outside.path('dir'), `${stories}/linked-dir.txt`);
    symlinkSync('../../../../../../../../etc/hostname', `${stories}/dotdot.txt`);
    mkdirSync(`${stories}/sub`);
    writeFileSync(`${stories}/sub/nested.txt`, WIRE('NESTED STORY'));
    const inbox = app.config.sources.find((s) => s.id === 'inbox')!;
    const outcome = await runSource(inbox, { global: app.config.global, log: app.log, clock: app.clock, store: app.store, http: app.http });
    assert.equal(outcome.error, null);
    const titles = (await app.store.listStories({ sourceIds: ['inbox'], limit: 50 })).map((s) => s.story.title);
    assert.deepEqual(titles, ['Inside story']);
  });

  it('feed ids are checked before any store call: traversal, encodings, overlong and odd ids are 404', async () => {
    app = await testApp();
    const counted = countingStore(app.store);
    const web = createServer({ config: app.config, feeds: app.feeds, store: counted.store, log: app.log, clock: app.clock });
    const paths = [
      '/feeds/..%2f..%2fetc.rss', '/feeds/..%2F..%2Fetc%2Fpasswd.json', '/feeds/%2e%2e.atom', '/feeds/../../etc/passwd',
      `/feeds/${'a'.repeat(65)}.rss`, `/feeds/${'a'.repeat(10_000)}.rss`, '/feeds/%00.rss', '/feeds/INBOX.rss', '/feeds/inbox%00.rss',
      '/feeds/inbox.rss%00', '/feeds/in%62ox.rss', '/feeds/-x.rss', '/feeds/inbox.exe', '/feeds/inbox.rss/..',
    ];
    for (const p of paths) {
      const res = await request(web).get(p);
      assert.equal(res.status, 404, `${p}: HTTP ${res.status}`);
      assert.ok(!/root:|passwd/.test(res.text), `${p}: ${res.text.slice(0, 200)}`);
    }
    assert.deepEqual(counted.calls, [], `store was called for invalid ids: ${counted.calls.join(', ')}`);
    // The counting store does see valid requests, so the empty list above means something.
    await request(web).get('/feeds/inbox.rss').expect(200);
    assert.ok(counted.calls.length > 0);
  });

  it('source ids in /api/sources/:id/... are checked before any lookup', async () => {
    app = await testApp({ extraConfig: { 'sources/desk.yaml': 'id: desk\ntype: push\ntoken: push-token-0123456789abcdef\n' } });
    const counted = countingStore(app.store);
    const web = createServer({ config: app.config, feeds: app.feeds, store: counted.store, log: app.log, clock: app.clock });
    for (const id of ['..%2f..%2fetc', `${'d'.repeat(65)}`, 'DESK', 'desk%00', '%2e%2e']) {
      const res = await request(web).post(`/api/sources/${id}/stories`).set('Authorization', 'Bearer push-token-0123456789abcdef').set('Content-Type', 'application/json').send('{"title":"T","body":{"text":"x"}}');
      assert.ok(res.status === 404 || res.status === 400, `${id}: HTTP ${res.status}`);
      // The admin run route (where the build has one) refuses these ids, with or without a token.
      const run = await request(web).post(`/api/sources/${id}/run`).set('Authorization', 'Bearer admin-token-0123456789abcdef');
      assert.ok([400, 401, 403, 404].includes(run.status), `run ${id}: HTTP ${run.status}`);
    }
    assert.deepEqual(counted.calls, []);
  });
});
