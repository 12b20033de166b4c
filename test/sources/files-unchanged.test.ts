import assert from 'node:assert/strict';
import { statSync, unlinkSync, utimesSync } from 'node:fs';
import { loadConfig } from '../../src/config/load-config.js';
import { STAT_TRUST_MARGIN_MS } from '../../src/sources/story-file-check.js';
import { storyId } from '../../src/story.js';
import { capturingLogger } from '../support/log-capture.js';
import { testApp, type TestApp } from '../support/test-app.js';

const BRIDGE = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n';
const RAIL = 'Rail strike ends\n\nWorkers voted to return on Sunday.\n';
const LANTERN = JSON.stringify({ title: 'Lantern festival', body: { text: 'Crowds gathered.' } });

/** How often `msg` was logged (for `ref`, if given). */
function logged(text: string, msg: string, ref?: string): number {
  return text.split('\n').filter((l) => l.includes(`"msg":"${msg}"`) && (!ref || l.includes(`"ref":"${ref}"`))).length;
}

describe('files source: unchanged files are not parsed again', () => {
  let app: TestApp;
  let logs: ReturnType<typeof capturingLogger>;
  const start = async (files: Record<string, string>) => {
    logs = capturingLogger();
    const made = await testApp({ files, log: logs.log });
    // The source judges a stat's age by the app's clock: the runs come 1 s after the files
    // were written, however long this machine took to get here.
    const newest = Math.max(...Object.keys(files).map((name) => statSync(made.dir.path('stories', name)).mtimeMs));
    made.clock.set(new Date(newest + 1_000));
    return made;
  };
  /** Marks every stored stat as old enough to trust, as the run after next would find it. */
  const trustAll = async () => {
    for (const { current: _, ...mark } of await app.store.storyFileMarks('inbox')) {
      await app.store.saveStoryFileMark('inbox', { ...mark, statTrusted: true });
    }
  };
  afterEach(async () => app?.dispose());

  it('counts files with the same bytes as unchanged without parsing them', async () => {
    app = await start({ 'bridge.txt': BRIDGE, 'rail.md': RAIL, 'lantern.json': LANTERN });
    assert.equal((await app.scheduler.runNow('inbox')).new, 3);
    const before = await app.store.listStories({ sourceIds: ['inbox'], limit: 10 });
    const second = await app.scheduler.runNow('inbox');
    assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [0, 0, 3, 0]);
    assert.equal(logged(logs.text(), 'story file unchanged'), 3, 'each matched by its bytes, none parsed');
    assert.deepEqual(await app.store.listStories({ sourceIds: ['inbox'], limit: 10 }), before);
  });

  it('skips even the read when a trusted stat is unchanged', async () => {
    app = await start({ 'bridge.txt': BRIDGE, 'rail.md': RAIL });
    await app.scheduler.runNow('inbox');
    const marks = await app.store.storyFileMarks('inbox');
    assert.deepEqual(marks.map((m) => [m.name, m.statTrusted, m.current]).sort(), [['bridge.txt', false, true], ['rail.md', false, true]], 'just written: too fresh to trust');
    await trustAll();
    const reads = logged(logs.text(), 'story file read');
    const again = await app.scheduler.runNow('inbox');
    assert.equal(again.unchanged, 2);
    assert.equal(logged(logs.text(), 'story file read'), reads, 'not opened');
  });

  it('trusts a stat once the margin has passed since the write: the run after skips the read', async () => {
    app = await start({ 'bridge.txt': BRIDGE });
    await app.scheduler.runNow('inbox');
    app.clock.advance(STAT_TRUST_MARGIN_MS);
    assert.equal((await app.scheduler.runNow('inbox')).unchanged, 1, 'read again (not yet trusted), same bytes');
    assert.deepEqual((await app.store.storyFileMarks('inbox')).map((m) => m.statTrusted), [true]);
    const reads = logged(logs.text(), 'story file read');
    assert.equal((await app.scheduler.runNow('inbox')).unchanged, 1);
    assert.equal(logged(logs.text(), 'story file read'), reads, 'not opened');
  });

  it('reads a file again when its stat changed, and updates its story only if its bytes did', async () => {
    app = await start({ 'bridge.txt': BRIDGE, 'rail.md': RAIL });
    await app.scheduler.runNow('inbox');
    await trustAll();
    const past = new Date('2026-01-01T00:00:00Z');
    utimesSync(app.dir.path('stories/rail.md'), past, past); // touched, same bytes
    app.dir.write('stories/bridge.txt', BRIDGE.replace('Wednesday', 'Thursday!')); // same size
    utimesSync(app.dir.path('stories/bridge.txt'), past, past);
    const r = await app.scheduler.runNow('inbox');
    assert.deepEqual([r.updated, r.unchanged], [1, 1]);
    const [story] = await app.store.listStories({ sourceIds: ['inbox'], limit: 1 });
    assert.match(story!.story.body.text, /Thursday/);
  });

  it('a file rewritten at once with the same size is read again: its stat was too fresh to trust', async () => {
    app = await start({ 'bridge.txt': BRIDGE });
    await app.scheduler.runNow('inbox');
    // Within the same file-system tick the stat may not change at all; only the bytes tell.
    const edited = BRIDGE.replace('Wednesday', 'Thursday!');
    assert.equal(edited.length, BRIDGE.length);
    app.dir.write('stories/bridge.txt', edited);
    assert.equal((await app.scheduler.runNow('inbox')).updated, 1);
  });

  it('parses again when the story stored for the file is no longer the one made from it', async () => {
    app = await start({ 'bridge.txt': BRIDGE });
    await app.scheduler.runNow('inbox');
    await trustAll();
    // E.g. a concurrent run stored an older version last: the mark's story hash no longer matches.
    const [stored] = await app.store.listStories({ sourceIds: ['inbox'], limit: 1 });
    await app.store.upsertStory({ ...stored!.story, title: 'Stale title' }, app.clock.now());
    assert.equal((await app.store.storyFileMarks('inbox'))[0]?.current, false);
    const r = await app.scheduler.runNow('inbox');
    assert.equal(r.updated, 1);
    const [fixed] = await app.store.listStories({ sourceIds: ['inbox'], limit: 1 });
    assert.equal(fixed?.story.title, 'Bridge reopens');
  });

  it('makes the stories again when the source options change', async () => {
    app = await start({ 'bridge.txt': BRIDGE });
    await app.scheduler.runNow('inbox');
    await trustAll();
    app.dir.write('config/sources/inbox.yaml', `id: inbox\ntitle: Wire inbox\ntype: files\npath: ${app.dir.path('stories')}\nnormalize:\n  titleSuffix: " reopens"\n`);
    app.scheduler.update(loadConfig(app.dir.path('config'), { env: {} }));
    assert.equal((await app.scheduler.runNow('inbox')).updated, 1);
    const [story] = await app.store.listStories({ sourceIds: ['inbox'], limit: 1 });
    assert.equal(story?.story.title, 'Bridge');
  });

  it('forgets the marks of files that are gone; their stories stay', async () => {
    app = await start({ 'bridge.txt': BRIDGE, 'rail.md': RAIL });
    await app.scheduler.runNow('inbox');
    unlinkSync(app.dir.path('stories/rail.md'));
    assert.equal((await app.scheduler.runNow('inbox')).unchanged, 1);
    assert.deepEqual((await app.store.storyFileMarks('inbox')).map((m) => m.name), ['bridge.txt']);
    assert.equal(await app.store.countStories('inbox'), 2);
    assert.ok((await app.store.storyFileMarks('inbox'))[0]?.storyId === storyId('inbox', 'bridge.txt'));
  });
});
