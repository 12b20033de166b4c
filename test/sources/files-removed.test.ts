// A files source may withdraw the story of a removed file, after a grace period that lets
// a file replaced by delete-then-write, or moved out and back, stay live.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const BRIDGE = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n';
const FERRY = 'Ferry resumes\n\nPORTHAVEN (AP) — The ferry ran again on Thursday.\n';
const MINUTE = 60_000;

describe('files source: removed files', () => {
  let app: TestApp;
  let desk: TempDir;
  afterEach(async () => {
    await app?.dispose();
    desk?.remove();
  });

  /** An app with a files source `desk` holding the two stories; `grace`: withdrawRemovedAfterMinutes. */
  async function deskApp(grace?: number): Promise<TestApp> {
    desk = tempDir('wirefeed-desk-');
    desk.write('bridge.txt', BRIDGE);
    desk.write('ferry.txt', FERRY);
    const extra = grace === undefined ? '' : `withdrawRemovedAfterMinutes: ${grace}\n`;
    return testApp({ extraConfig: { 'sources/desk.yaml': `id: desk\ntitle: Desk\ntype: files\npath: ${desk.root}\n${extra}` } });
  }
  const advance = (ms: number) => app.clock.set(new Date(app.clock.now().getTime() + ms));
  const titles = async (): Promise<string[]> => ((await request(app.web).get('/feeds/desk.json')).body.items as { title: string }[]).map((i) => i.title);

  it('withdraws the story once its file has been gone for the grace period', async () => {
    app = await deskApp(30);
    assert.equal((await app.scheduler.runNow('desk')).new, 2);
    rmSync(desk.path('bridge.txt'));
    await app.scheduler.runNow('desk');
    advance(29 * MINUTE);
    await app.scheduler.runNow('desk');
    assert.deepEqual((await titles()).sort(), ['Bridge reopens', 'Ferry resumes'], 'still inside the grace period');
    advance(2 * MINUTE);
    await app.scheduler.runNow('desk');
    assert.deepEqual(await titles(), ['Ferry resumes']);
    assert.doesNotMatch((await request(app.web).get('/feeds/desk.rss')).text, /Bridge reopens/);
    const atom = (await request(app.web).get('/feeds/desk.atom')).text;
    assert.match(atom, /<at:deleted-entry [^>]*ref="[^"]+"/, 'Atom carries a tombstone');
    assert.match(atom, /its file bridge\.txt was removed/);
    assert.equal(await app.store.countStories('desk'), 2, 'the story stays in the store');
  });

  it('keeps a file that comes back inside the grace period live, and its clock starts again', async () => {
    app = await deskApp(30);
    await app.scheduler.runNow('desk');
    rmSync(desk.path('bridge.txt'));
    await app.scheduler.runNow('desk');
    advance(20 * MINUTE);
    desk.write('bridge.txt', BRIDGE);
    await app.scheduler.runNow('desk');
    rmSync(desk.path('bridge.txt'));
    advance(20 * MINUTE);
    await app.scheduler.runNow('desk');
    advance(20 * MINUTE);
    await app.scheduler.runNow('desk');
    assert.deepEqual((await titles()).sort(), ['Bridge reopens', 'Ferry resumes'], 'gone 20 minutes this time, not 40');
  });

  it('changes nothing when the source does not withdraw removed files (the default)', async () => {
    app = await deskApp();
    await app.scheduler.runNow('desk');
    rmSync(desk.path('bridge.txt'));
    advance(24 * 60 * MINUTE);
    await app.scheduler.runNow('desk');
    await app.scheduler.runNow('desk');
    assert.deepEqual((await titles()).sort(), ['Bridge reopens', 'Ferry resumes']);
  });
});
