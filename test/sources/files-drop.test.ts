import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, utimesSync } from 'node:fs';
import request from 'supertest';
import { tempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const BRIDGE = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n';
const LANTERN = JSON.stringify({ title: 'Lantern festival', body: { text: 'Crowds gathered.' } });
const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe('files source: drops, failures and links', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());

  it('moves an unparseable file to failed/ with the reason beside it; good files stay in place', async () => {
    app = await testApp({ files: { 'good.txt': BRIDGE, 'broken.json': '{"title": "half' } });
    utimesSync(app.dir.path('stories/broken.json'), anHourAgo(), anHourAgo());
    const first = await app.scheduler.runNow('inbox');
    assert.deepEqual([first.new, first.failed], [1, 1]);
    assert.ok(existsSync(app.dir.path('stories/good.txt')), 'a stored file is not moved');
    assert.ok(!existsSync(app.dir.path('stories/broken.json')));
    assert.equal(readFileSync(app.dir.path('stories/failed/broken.json'), 'utf8'), '{"title": "half');
    assert.match(readFileSync(app.dir.path('stories/failed/broken.json.error.txt'), 'utf8'), /not valid JSON/);
    const second = await app.scheduler.runNow('inbox');
    assert.deepEqual([second.new, second.unchanged, second.failed], [0, 1, 0], 'failed/ is not read again');
  });

  it('leaves a just-written unparseable file in place: it may still be being written', async () => {
    app = await testApp({ files: { 'partial.json': '{"title": "Lan' } });
    assert.equal((await app.scheduler.runNow('inbox')).failed, 1);
    assert.ok(existsSync(app.dir.path('stories/partial.json')));
    app.dir.write('stories/partial.json', LANTERN);
    assert.equal((await app.scheduler.runNow('inbox')).new, 1, 'the finished file is then stored');
  });

  it('never follows a link out of its folder', async () => {
    const outside = tempDir('wirefeed-outside-');
    try {
      const secret = outside.write('secret.txt', 'Secret memo\n\nNot for the feed.\n');
      app = await testApp({ files: { 'inside.txt': BRIDGE } });
      symlinkSync(secret, app.dir.path('stories/escape.txt'));
      symlinkSync(app.dir.path('stories/inside.txt'), app.dir.path('stories/alias.txt'));
      const r = await app.scheduler.runNow('inbox');
      assert.deepEqual([r.new, r.failed], [2, 1], 'inside.txt and its in-folder alias stored; the escaping link failed');
      const titles = (await app.store.listStories({ sourceIds: ['inbox'], limit: 10 })).map((s) => s.story.title);
      assert.ok(!titles.includes('Secret memo'));
      assert.match(readFileSync(app.dir.path('stories/failed/escape.txt.error.txt'), 'utf8'), /outside the folder/);
      assert.equal(readFileSync(secret, 'utf8'), 'Secret memo\n\nNot for the feed.\n', 'the target is untouched');
    } finally {
      outside.remove();
    }
  });

  it('a file dropped while the service runs appears in its feed within 5 s', async () => {
    app = await testApp({ files: { 'bridge.txt': BRIDGE } });
    app.scheduler.start();
    const inFeed = async () => (await request(app.web).get('/feeds/inbox.json')).body.items?.map((i: { title: string }) => i.title) ?? [];
    while (!(await inFeed()).includes('Bridge reopens')) await new Promise((r) => setTimeout(r, 20));
    const dropped = Date.now();
    app.dir.write('stories/lantern.json', LANTERN);
    let latency = 0;
    while (!(await inFeed()).includes('Lantern festival')) {
      latency = Date.now() - dropped;
      assert.ok(latency < 5_000, 'not in the feed after 5 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    latency = Date.now() - dropped;
    console.log(`      drop-to-feed latency: ${latency} ms`);
    assert.ok(latency < 5_000);
  });
});
