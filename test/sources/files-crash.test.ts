import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { storyId } from '../../src/story.js';
import { spawnCli, type CliProcess } from '../support/spawn-cli.js';
import { tempDir } from '../support/temp-dir.js';

const FILES = 400;
const name = (i: number) => `wire-${String(i).padStart(4, '0')}.txt`;

/** Resolves once `pattern` has matched `count` times on the child's stderr. */
async function logged(cli: CliProcess, pattern: RegExp, count = 1, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  const global = new RegExp(pattern.source, 'g');
  while ((cli.stderr().match(global)?.length ?? 0) < count) {
    if (cli.child.exitCode !== null) throw new Error(`wirefeed exited: ${cli.stderr().slice(-2000)}`);
    if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} x${count} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('files source: a crash between reading and recording loses nothing', () => {
  it('SIGKILL in the middle of a run, then a restart, stores every file exactly once', async function () {
    this.timeout(240_000); // a hang guard: two CLI start-ups and 400 files, on a machine that may be loaded
    const dir = tempDir();
    // Every 2 s: the schedule is the safety net that reads whatever the killed run left.
    dir.write('config/sources/inbox.yaml', `id: inbox\ntype: files\npath: ${dir.path('stories')}\nschedule: "*/2 * * * * *"\n`);
    dir.write('stories/.keep', '');
    const env = { PORT: '0', WIREFEED_CONFIG: dir.path('config'), DATABASE_URL: `file:${dir.path('wirefeed.db')}`, LOG_LEVEL: 'debug' };
    let cli = spawnCli(['start'], env);
    const db = () => new Database(dir.path('wirefeed.db'), { readonly: true, fileMustExist: true });
    try {
      await cli.port;
      await logged(cli, /"msg":"source run"/);
      for (let i = 0; i < FILES; i++) {
        writeFileSync(dir.path('stories', name(i)), `Wire story ${i}\n\nBody of wire story number ${i}.\n`);
      }
      // The gate: the database's write lock, taken by this test once the run has stored a
      // story. Holding it, the run can record nothing more, so what is counted below is
      // exactly what the killed run left, and the kill lands in the middle of the run.
      const gate = new Database(dir.path('wirefeed.db'), { timeout: 30_000 });
      let atKill = 0;
      let unfinished = 0;
      try {
        for (;;) {
          gate.exec('BEGIN IMMEDIATE');
          atKill = gate.prepare(`SELECT count(*) FROM stories WHERE source_id = 'inbox'`).pluck().get() as number;
          unfinished = gate.prepare(`SELECT count(*) FROM runs WHERE status = 'running'`).pluck().get() as number;
          if (atKill > 0) break;
          gate.exec('ROLLBACK'); // nothing stored yet: let the run write, look again
          await new Promise((r) => setTimeout(r, 10));
        }
        assert.equal(await cli.stop('SIGKILL'), null, 'killed, not exited');
      } finally {
        if (gate.inTransaction) gate.exec('ROLLBACK');
        gate.close();
      }
      const readLogged = cli.stderr().match(/"msg":"story file read"/g)?.length ?? 0;
      console.log(`      killed after ${readLogged} reads logged, ${atKill}/${FILES} stories recorded, ${unfinished} run left unfinished`);
      assert.ok(atKill < FILES, 'the kill came in the middle of the run (all stored within one look: a much faster machine needs more files)');
      assert.equal(unfinished, 1, 'the run never finished');

      cli = spawnCli(['start'], env);
      await cli.port;
      await logged(cli, /"msg":"source run"/);
      const after = db();
      const ids = new Set(after.prepare(`SELECT id FROM stories WHERE source_id = 'inbox'`).pluck().all() as string[]);
      after.close();
      assert.equal(ids.size, FILES, 'every file is a story, exactly once');
      for (let i = 0; i < FILES; i++) assert.ok(ids.has(storyId('inbox', name(i))), `${name(i)} stored`);
      assert.ok(!existsSync(dir.path('stories/failed')), 'nothing was declared failed');
      assert.equal(await cli.stop('SIGTERM'), 0);
    } finally {
      await cli.stop('SIGKILL');
      dir.remove();
    }
  });
});
