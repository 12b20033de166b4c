// SIGTERM while a source run is in progress: the process stops taking requests, the run
// stops between stories and is recorded as abandoned, the store closes, exit 0 within 10 s,
// and every story in the database is whole.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawnCli } from '../support/spawn-cli.js';
import { tempDir } from '../support/temp-dir.js';

const FILES = 4000;

describe('graceful shutdown', function () {
  this.timeout(90_000);

  it('SIGTERM during a run leaves no partial story and exits 0 within 10 s', async () => {
    const dir = tempDir();
    dir.write('config/sources/bulk.yaml', `id: bulk\ntype: files\npath: ${dir.path('stories')}\nschedule: "0 0 1 1 *"\n`);
    // Many files: the start-up run takes long enough to be caught in the middle.
    for (let i = 0; i < FILES; i++) {
      dir.write(`stories/${String(i).padStart(5, '0')}.txt`, `Story number ${i}\n\nPORTHAVEN - Paragraph one of story ${i}.\n\nParagraph two of story ${i}.\n`);
    }
    const dbFile = dir.path('wirefeed.db');
    const cli = spawnCli(['start'], { PORT: '0', DATABASE_URL: `file:${dbFile}`, WIREFEED_CONFIG: dir.path('config') });
    let db: Database.Database | undefined;
    try {
      const port = await cli.port;
      db = new Database(dbFile, { readonly: true, fileMustExist: true });
      const count = () => db!.prepare('SELECT count(*) FROM stories').pluck().get() as number;
      const end = Date.now() + 60_000;
      while (count() < 20) {
        assert.ok(Date.now() < end, 'the run started storing');
        await new Promise((r) => setTimeout(r, 5));
      }
      const signalled = Date.now();
      const exited = cli.stop('SIGTERM');
      const code = await exited;
      const tookMs = Date.now() - signalled;
      console.log(`      exit ${code} ${tookMs} ms after SIGTERM`);
      assert.equal(code, 0);
      assert.ok(tookMs < 10_000, `exited within 10 s (took ${tookMs} ms)`);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'no longer accepting');

      const runs = db.prepare('SELECT status, error, new FROM runs').all() as { status: string; error: string | null; new: number }[];
      assert.equal(runs.length, 1);
      assert.notEqual(runs[0]!.status, 'running', 'the run row is closed');
      const stored = count();
      if (stored < FILES) {
        assert.deepEqual([runs[0]!.status, runs[0]!.error], ['failed', 'abandoned at shutdown'], 'an interrupted run says so');
      }
      assert.equal(runs[0]!.new, stored, 'the run row counts exactly what was stored');
      console.log(`      ${stored} of ${FILES} stories stored before the run was abandoned`);
      const rows = db.prepare('SELECT data FROM stories').pluck().all() as string[];
      for (const data of rows) {
        const story = JSON.parse(data) as { title: string; body: { text: string; html: string } };
        const n = /^Story number (\d+)$/.exec(story.title)?.[1];
        assert.ok(n, `whole title: ${story.title}`);
        assert.equal(story.body.text, `Paragraph one of story ${n}.\n\nParagraph two of story ${n}.`);
        assert.match(story.body.html, new RegExp(`^<p>Paragraph one of story ${n}\\.</p>\\s*<p>Paragraph two of story ${n}\\.</p>$`));
      }
      assert.match(cli.stderr(), /"msg":"shut down"/);
    } finally {
      db?.close();
      await cli.stop('SIGKILL');
      dir.remove();
    }
  });
});
