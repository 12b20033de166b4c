import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import request from 'supertest';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const BRIDGE = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n';
const LANTERN = JSON.stringify({ title: 'Lantern festival', body: { text: 'Crowds gathered.' } });

describe('files source: drops, failures and links', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());
  /** Sets the app's clock `ms` after the file's mtime: the source judges its age by that clock. */
  const ageOf = (file: string, ms: number) => app.clock.set(new Date(statSync(app.dir.path(file)).mtimeMs + ms));

  it('moves an unparseable file to failed/ with the reason beside it; good files stay in place', async () => {
    app = await testApp({ files: { 'good.txt': BRIDGE, 'broken.json': '{"title": "half' } });
    ageOf('stories/broken.json', 3_600_000);
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
    ageOf('stories/partial.json', 1_000); // however long the machine took to get here
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

  it('a file dropped while the service runs appears in its feed, run by the folder watch', async () => {
    app = await testApp({ files: { 'bridge.txt': BRIDGE } });
    app.scheduler.start();
    const inFeed = async (title: string) => ((await request(app.web).get('/feeds/inbox.json')).body.items ?? []).some((i: { title: string }) => i.title === title);
    await eventually('the first run stored the bridge story', () => inFeed('Bridge reopens'));
    app.dir.write('stories/lantern.json', LANTERN);
    // The source has no schedule: only the folder watch can have run it. How fast is the
    // benchmarks' business; the bound here is a hang guard.
    await eventually('the dropped story is in the feed', () => inFeed('Lantern festival'));
  });
});
