// Whoever can drop files into a files source folder can also place links there. The
// quarantine (failed/ and its error files) must not write through one, and a story file
// opened must be the very file checked inside the folder (SECURITY.md, "Paths and ids").
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { AppError } from '../../src/errors.js';
import { moveToFailed } from '../../src/sources/move-to-failed.js';
import { readStoryFiles } from '../../src/sources/read-story-files.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const GOOD = 'Bridge reopens\n\nPORTHAVEN (AP) — The bridge reopened on Wednesday.\n';
const BROKEN = '{"title": "half';
const VICTIM = 'victim contents: must stay\n';

describe('hardening: the files source writes through no link', () => {
  let app: TestApp;
  let outside: TempDir;
  afterEach(async () => {
    await app?.dispose();
    outside?.remove();
  });
  /** The app's clock an hour after the broken file's mtime: its failure is final. */
  const settle = () => app.clock.set(new Date(statSync(app.dir.path('stories/broken.json')).mtimeMs + 3_600_000));

  it('failed/ as a link to another folder: nothing is moved or written there, the file stays, the others are stored', async () => {
    outside = tempDir('wirefeed-outside-');
    app = await testApp({ files: { 'good.txt': GOOD, 'broken.json': BROKEN } });
    symlinkSync(outside.root, app.dir.path('stories/failed'));
    settle();
    const r = await app.scheduler.runNow('inbox');
    assert.deepEqual([r.new, r.failed, r.error], [1, 1, null]);
    assert.deepEqual(readdirSync(outside.root), [], 'the other folder is untouched');
    assert.equal(readFileSync(app.dir.path('stories/broken.json'), 'utf8'), BROKEN, 'the file stays where it was dropped');
  });

  it('an error file placed as a link to a victim file: the victim is untouched, the link is replaced by the reason', async () => {
    outside = tempDir('wirefeed-outside-');
    const victim = outside.write('victim.txt', VICTIM);
    app = await testApp({ files: { 'good.txt': GOOD, 'broken.json': BROKEN } });
    mkdirSync(app.dir.path('stories/failed'));
    symlinkSync(victim, app.dir.path('stories/failed/broken.json.error.txt'));
    settle();
    const r = await app.scheduler.runNow('inbox');
    assert.deepEqual([r.new, r.failed, r.error], [1, 1, null]);
    assert.equal(readFileSync(victim, 'utf8'), VICTIM, 'the victim is not overwritten');
    const errorFile = app.dir.path('stories/failed/broken.json.error.txt');
    assert.ok(lstatSync(errorFile).isFile(), 'a regular file now, not the link');
    assert.match(readFileSync(errorFile, 'utf8'), /not valid JSON/);
    assert.equal(readFileSync(app.dir.path('stories/failed/broken.json'), 'utf8'), BROKEN);
    assert.deepEqual(readdirSync(app.dir.path('stories/failed')).sort(), ['broken.json', 'broken.json.error.txt'], 'no temporary file left');
  });

  it('an old error file is replaced with the new reason', async () => {
    app = await testApp({ files: { 'broken.json': BROKEN } });
    app.dir.write('stories/failed/broken.json.error.txt', 'an old reason\n');
    settle();
    await app.scheduler.runNow('inbox');
    assert.match(readFileSync(app.dir.path('stories/failed/broken.json.error.txt'), 'utf8'), /not valid JSON/);
  });

  it('failed/ swapped for a link between its check and the move: refused, nothing moved out', async () => {
    outside = tempDir('wirefeed-outside-');
    const dir = tempDir();
    try {
      dir.write('broken.json', BROKEN);
      const swap = () => {
        renameSync(dir.path('failed'), dir.path('failed.before'));
        symlinkSync(outside.root, dir.path('failed'));
      };
      await assert.rejects(moveToFailed(dir.root, 'broken.json', 'reason', { beforeMove: swap }), (err: unknown) => err instanceof AppError && err.code === 'UNSAFE_PATH');
      assert.deepEqual(readdirSync(outside.root), []);
      assert.ok(existsSync(dir.path('broken.json')), 'the file stays');
    } finally {
      dir.remove();
    }
  });

  it('a story file link whose folder on the way is swapped for a link after the check reads nothing outside', () => {
    outside = tempDir('wirefeed-outside-');
    outside.write('real.txt', 'OUTSIDE SECRET\n\nNot for the feed.\n');
    const dir = tempDir();
    try {
      dir.write('sub/real.txt', GOOD);
      symlinkSync('sub/real.txt', dir.path('alias.txt'));
      const root = realpathSync(dir.root);
      const task = { root, files: [{ name: 'alias.txt', isLink: true }], ctx: { sourceId: 'inbox', key: 'alias.txt' }, readAtMs: Date.now() };
      const [plain] = readStoryFiles(task);
      assert.equal(plain?.kind, 'story', 'without the swap the link inside is read');
      // Between resolving the link (inside) and opening it, sub/ becomes a link out.
      const swap = () => {
        renameSync(dir.path('sub'), dir.path('sub.before'));
        symlinkSync(outside.root, dir.path('sub'));
      };
      const [swapped] = readStoryFiles(task, { beforeOpen: swap });
      assert.equal(swapped?.kind, 'unread');
      assert.match(swapped?.kind === 'unread' ? swapped.error.message : '', /changed while it was opened/);
      assert.ok(!JSON.stringify(swapped).includes('OUTSIDE SECRET'));
    } finally {
      dir.remove();
    }
  });
});
