// SIGTERM while a source run is in progress: the process stops taking requests, the run
// stops between stories and is recorded as abandoned, the store closes, exit 0, and every
// story in the database is whole. The run is held in flight by the test's own site, which
// never answers the third article until the process is gone.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { articlePage, paragraphs } from '../support/article-page.js';
import { reply, startServer, type LocalServer } from '../support/local-server.js';
import { spawnCli, type CliProcess } from '../support/spawn-cli.js';
import { tempDir } from '../support/temp-dir.js';

const ARTICLES = 5;
const HELD = 3;
const articlePath = (n: number) => `/2026/03/04/story-number-${n}.html`;

describe('graceful shutdown', function () {
  // A hang guard only: a normal run takes a few seconds.
  this.timeout(90_000);

  it('SIGTERM during a run leaves no partial story, records the run as abandoned and exits 0', async () => {
    const dir = tempDir();
    let server: LocalServer | undefined;
    let db: Database.Database | undefined;
    let wirefeed: CliProcess | undefined;
    try {
      let heldRequested: () => void = () => {};
      const held = new Promise<void>((resolve) => (heldRequested = resolve));
      server = await startServer({
        '/index.html': reply(
          `<!doctype html><html><body><ul>${Array.from({ length: ARTICLES }, (_, i) => `<li><a class="story" href="${articlePath(i + 1)}">Story number ${i + 1}</a></li>`).join('')}</ul></body></html>`,
        ),
      });
      for (let n = 1; n <= ARTICLES; n++) {
        const page = articlePage({ title: `Story number ${n}`, paragraphs: paragraphs(`Story ${n}`, 3) });
        // The held article is requested and never answered: the run is in flight until shutdown.
        server.route(articlePath(n), n === HELD ? () => heldRequested() : reply(page));
      }
      dir.write('config/wirefeed.yaml', 'fetch:\n  perHostDelayMs: 0\n  retries: 0\n  timeoutMs: 60000\n');
      dir.write('config/sources/site.yaml', `id: site\ntype: html\nurl: ${server.origin}/index.html\nlinks: a.story\nschedule: "0 0 1 1 *"\n`);
      const dbFile = dir.path('wirefeed.db');
      wirefeed = spawnCli(['start'], { PORT: '0', DATABASE_URL: `file:${dbFile}`, WIREFEED_CONFIG: dir.path('config') });
      const port = await wirefeed.port;
      await held; // the start-up run stored the stories before it and waits for this one
      db = new Database(dbFile, { readonly: true, fileMustExist: true });
      const count = () => db!.prepare('SELECT count(*) FROM stories').pluck().get() as number;
      assert.equal(count(), HELD - 1, 'the stories before the held one are stored');

      const signalled = Date.now();
      const code = await wirefeed.stop('SIGTERM');
      console.log(`      exit ${code} ${Date.now() - signalled} ms after SIGTERM`);
      assert.equal(code, 0);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'no longer accepting');

      const runs = db.prepare('SELECT status, error, new FROM runs').all() as { status: string; error: string | null; new: number }[];
      assert.deepEqual(runs, [{ status: 'failed', error: 'abandoned at shutdown', new: HELD - 1 }], 'the interrupted run says so and counts what it stored');
      assert.equal(count(), HELD - 1, 'nothing stored after the signal');
      const rows = db.prepare('SELECT data FROM stories').pluck().all() as string[];
      for (const data of rows) {
        const story = JSON.parse(data) as { title: string; body: { text: string } };
        const n = /^Story number (\d+)$/.exec(story.title)?.[1];
        assert.ok(n, `whole title: ${story.title}`);
        assert.equal(story.body.text, paragraphs(`Story ${n}`, 3).join('\n\n'));
      }
      assert.match(wirefeed.stderr(), /"msg":"shut down"/);
    } finally {
      db?.close();
      await wirefeed?.stop('SIGKILL');
      await server?.close();
      dir.remove();
    }
  });
});
