import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { testApp, type TestApp } from '../support/test-app.js';

const BRIDGE = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n\nTraffic returned at dawn.\n';
const RAIL = 'Rail strike ends\n\nWorkers voted to return on Sunday.\n';
const JSON_STORY = JSON.stringify({ title: 'Lantern festival', body: { text: 'Crowds gathered.' }, published: '2026-02-28T12:30:00Z' });

describe('files source', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());

  it('ingests every story file and re-ingest makes no duplicate', async () => {
    app = await testApp({ files: { 'bridge.txt': BRIDGE, 'rail.md': RAIL, 'lantern.json': JSON_STORY, 'notes.bin': 'x' } });
    const first = await app.scheduler.runNow('inbox');
    assert.deepEqual([first.new, first.updated, first.unchanged, first.failed, first.error], [3, 0, 0, 0, null]);
    const second = await app.scheduler.runNow('inbox');
    assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [0, 0, 3, 0]);
    assert.equal(await app.store.countStories('inbox'), 3);
    const run = await app.store.lastRun('inbox');
    assert.equal(run?.status, 'ok');
    assert.equal(run?.id, second.runId);
  });

  it('updates a changed file in place and moves its change time', async () => {
    app = await testApp({ files: { 'bridge.txt': BRIDGE } });
    await app.scheduler.runNow('inbox');
    const [before] = await app.store.listStories({ sourceIds: ['inbox'], limit: 5 });
    app.clock.advance(60_000);
    app.dir.write('stories/bridge.txt', BRIDGE.replace('Bridge reopens', 'Bridge reopens early'));
    const r = await app.scheduler.runNow('inbox');
    assert.equal(r.updated, 1);
    const stories = await app.store.listStories({ sourceIds: ['inbox'], limit: 5 });
    assert.equal(stories.length, 1);
    assert.equal(stories[0]?.story.id, before?.story.id, 'same identity');
    assert.equal(stories[0]?.story.title, 'Bridge reopens early');
    assert.equal(stories[0]?.firstSeen, before?.firstSeen);
    assert.equal(stories[0]?.lastChanged, '2026-03-05T08:01:00.000Z');
  });

  it('a broken file fails alone and the others are stored', async () => {
    app = await testApp({
      files: { 'a-good.txt': BRIDGE, 'b-broken.json': '{"title": "half', 'c-empty.txt': '   \n\n', 'd-good.txt': RAIL },
    });
    const r = await app.scheduler.runNow('inbox');
    assert.equal(r.new, 2);
    assert.equal(r.failed, 2);
    assert.equal(r.error, null, 'a bad file does not fail the run');
    assert.equal((await app.store.lastRun('inbox'))?.failed, 2);
  });

  it('records a failed run when the folder is missing, without throwing', async () => {
    app = await testApp();
    unlinkSync(app.dir.path('stories/.keep'));
    app.dir.remove();
    const r = await app.scheduler.runNow('inbox');
    assert.match(r.error ?? '', /cannot read folder .*ENOENT/);
    assert.equal((await app.store.lastRun('inbox'))?.status, 'failed');
  });
});
