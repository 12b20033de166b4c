// wirefeed backup of a live SQLite store, and wirefeed vacuum of one made before
// incremental vacuum: real CLI processes against a store this process writes to.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite.js';
import { buildCli } from '../support/build-cli.js';
import { makeStory } from '../support/make-story.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

function runCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const body = (i: number) => `Paragraph ${i}. `.repeat(400);
const story = (i: number) => makeStory({ key: `k${i}`, title: `Story ${i}`, published: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), body: { text: body(i), html: `<p>${body(i)}</p>` } });

describe('wirefeed backup and vacuum (SQLite)', () => {
  let dir: TempDir;
  let script: string;
  before(async function () {
    this.timeout(120_000);
    script = await buildCli();
  });
  beforeEach(() => {
    dir = tempDir();
    dir.write('config/wirefeed.yaml', '');
  });
  afterEach(() => dir.remove());

  it('copies a store under write load as of the moment it began, into a valid store', async function () {
    this.timeout(180_000);
    const file = dir.path('wirefeed.db');
    const store = new SqliteStore(file);
    await store.migrate();
    const at = new Date('2026-03-01T00:00:00.000Z');
    for (let i = 0; i < 1500; i++) await store.upsertStory(story(i), at);
    // Writes go on, one story per event-loop turn, for as long as the backup runs.
    let writing = true;
    let written = 1500;
    const writer = (async () => {
      while (writing) {
        await store.upsertStory(story(written++), at);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const beforeBackup = await store.countStories('inbox');
    const out = await runCli(script, ['backup', dir.path('copy.db')], { DATABASE_URL: `file:${file}`, WIREFEED_CONFIG: dir.path('config') });
    const afterBackup = await store.countStories('inbox');
    writing = false;
    await writer;
    await store.close();
    assert.equal(out.code, 0, out.stderr);
    const reported = Number(/backup: (\d+) stories in /.exec(out.stdout)?.[1]);
    assert.ok(reported >= beforeBackup && reported <= afterBackup, `${beforeBackup} <= ${reported} <= ${afterBackup}`);
    assert.ok(afterBackup > reported, 'stories were written while the backup ran');

    const raw = new Database(dir.path('copy.db'), { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
    const copy = new SqliteStore(dir.path('copy.db'));
    try {
      await copy.migrate();
      assert.equal(await copy.countStories('inbox'), reported, 'the story count of the moment it began');
      const newest = await copy.listStories({ sourceIds: ['inbox'], limit: 1 });
      assert.equal(newest[0]?.story.title, `Story ${reported - 1}`);
    } finally {
      await copy.close();
    }
    const again = await runCli(script, ['backup', dir.path('copy.db')], { DATABASE_URL: `file:${file}`, WIREFEED_CONFIG: dir.path('config') });
    assert.equal(again.code, 2, 'never over an existing file');
  });

  it('turns on incremental vacuum for a store made without it, and frees space', async function () {
    this.timeout(120_000);
    const file = dir.path('old.db');
    // A store from before: its file already had tables when auto_vacuum was asked for.
    const old = new Database(file);
    old.exec('CREATE TABLE placeholder (x)');
    old.close();
    const store = new SqliteStore(file);
    await store.migrate();
    assert.equal(store.incrementalVacuum, false);
    for (let i = 0; i < 300; i++) await store.upsertStory(story(i), new Date('2026-03-01T00:00:00.000Z'));
    await store.pruneStories({ sourceId: 'inbox', before: '2027-01-01T00:00:00.000Z', keepNewest: 10, limit: 1000 });
    assert.equal(await store.reclaimSpace(1 << 30), 0, 'nothing to give back in steps yet');
    await store.close();

    const out = await runCli(script, ['vacuum'], { DATABASE_URL: `file:${file}`, WIREFEED_CONFIG: dir.path('config') });
    assert.equal(out.code, 0, out.stderr);
    const [, from, to] = /vacuum: auto_vacuum none -> incremental; ([\d.]+) MiB -> ([\d.]+) MiB/.exec(out.stdout) ?? [];
    assert.ok(Number(to) < Number(from), out.stdout);
    const after = new SqliteStore(file);
    try {
      assert.equal(after.incrementalVacuum, true);
      assert.equal(await after.countStories('inbox'), 10);
    } finally {
      await after.close();
    }
  });
});
