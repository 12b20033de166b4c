// Crash safety of a scrape: SIGKILL a real `wirefeed start` while it is storing articles
// of an html source, restart it, and every article is stored exactly once, none partial,
// with the database intact. The local site counts article requests, so the kill lands
// mid-run without guessing at timing. The schedule is every 10 s, so that the restarted
// process runs soon even where a run lease held by the dead one must expire first.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startServer, type LocalServer } from '../support/local-server.js';
import { spawnCli, type CliProcess } from '../support/spawn-cli.js';
import { tempDir } from '../support/temp-dir.js';

const ARTICLES = 60;

function article(i: number): string {
  const paragraphs = Array.from({ length: 4 }, (_, p) => `<p>Paragraph ${p + 1} of article ${i}: the harbour authority reported on the works, which continued through the week with new cranes and longer shifts for the crews.</p>`);
  return `<!doctype html><html><head><title>Harbour works update ${i}</title><meta property="og:title" content="Harbour works update ${i}"></head><body><article><h1>Harbour works update ${i}</h1>${paragraphs.join('')}</article></body></html>`;
}

async function until(check: () => boolean, what: string, cli: CliProcess, timeoutMs = 45_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (cli.child.exitCode !== null) throw new Error(`wirefeed exited: ${cli.stderr().slice(-2000)}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${cli.stderr().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('crash safety: SIGKILL during a scrape', () => {
  let site: LocalServer;
  let slow = true;
  before(async () => {
    site = await startServer({
      '/robots.txt': (_req, res) => void res.writeHead(404).end(),
      '/news/': (_req, res) => {
        const links = Array.from({ length: ARTICLES }, (_, i) => `<li><a class="story" href="/news/a${i}.html">Harbour works update ${i}</a></li>`);
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><ul>${links.join('')}</ul></body></html>`);
      },
    });
    for (let i = 0; i < ARTICLES; i++) {
      site.route(`/news/a${i}.html`, (_req, res) => {
        // Slow while the first process runs, so that the kill finds it mid-run.
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(i)), slow ? 40 : 0);
      });
    }
  });
  after(async () => site?.close());

  it('restarted after SIGKILL, it stores every article exactly once, none partial', async function () {
    this.timeout(120_000);
    const dir = tempDir();
    dir.write('config/wirefeed.yaml', 'fetch:\n  perHostDelayMs: 0\n  perHostConcurrency: 4\n');
    dir.write('config/sources/harbour.yaml', `id: harbour\ntype: html\nurl: ${site.origin}/news/\nlinks: a.story\nmaxItems: ${ARTICLES}\nschedule: "*/10 * * * * *"\n`);
    const env = { PORT: '0', WIREFEED_CONFIG: dir.path('config'), DATABASE_URL: `file:${dir.path('wirefeed.db')}`, LOG_LEVEL: 'info' };
    const articleHits = () => site.requests.filter((r) => /^\/news\/a\d+\.html$/.test(r.path)).length;
    const count = (sql: string) => {
      const db = new Database(dir.path('wirefeed.db'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    let cli = spawnCli(['start'], env);
    try {
      await cli.port;
      await until(() => articleHits() >= 15, '15 article requests', cli);
      assert.equal(await cli.stop('SIGKILL'), null, 'killed, not exited');
      const atKill = count(`SELECT count(*) FROM stories WHERE source_id = 'harbour'`);
      console.log(`      killed after ${articleHits()} article requests, ${atKill}/${ARTICLES} stories stored`);
      assert.ok(atKill < ARTICLES, 'the kill came in the middle of the run');

      slow = false;
      cli = spawnCli(['start'], env);
      await cli.port;
      await until(() => /"msg":"source run"/.test(cli.stderr()), 'the restarted run', cli);
      const db = new Database(dir.path('wirefeed.db'), { readonly: true, fileMustExist: true });
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        const rows = db.prepare(`SELECT * FROM stories WHERE source_id = 'harbour'`).all() as Array<Record<string, unknown>>;
        assert.equal(rows.length, ARTICLES, 'every article stored exactly once');
        for (const row of rows) {
          const json = Object.values(row).find((v) => typeof v === 'string' && v.startsWith('{"')) as string | undefined;
          assert.ok(json, `story row without its JSON: ${JSON.stringify(row).slice(0, 200)}`);
          const story = JSON.parse(json) as { title: string; body: { text: string } };
          assert.match(story.title, /^Harbour works update \d+$/);
          assert.equal(story.body.text.split('\n\n').length, 4, `partial body in "${story.title}"`);
        }
      } finally {
        db.close();
      }
      assert.equal(await cli.stop('SIGTERM'), 0);
    } finally {
      await cli.stop('SIGKILL');
      dir.remove();
    }
  });
});
