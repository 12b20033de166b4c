// Moving an install: a SQLite store filled through real runs is exported, imported into a
// fresh PostgreSQL, and every feed document of every feed comes out byte-identical; a
// second import changes nothing; an import killed half-way and run again ends identical.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { FORMATS } from '../../src/publish/formats.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { buildCli } from '../support/build-cli.js';
import { describePostgres } from '../support/describe-postgres.js';
import { startServer, type LocalServer } from '../support/local-server.js';
import { sharedPostgres } from '../support/postgres-server.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testThreads } from '../support/test-app.js';

const STORY_FILES = 560;
const CLOCK = '2026-03-05T08:00:00.000Z';

/** Runs the CLI to its end; resolves with its exit code and output. */
function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function rssOf(origin: string): string {
  const items = Array.from({ length: 12 }, (_, i) => {
    const day = String(i + 1).padStart(2, '0');
    return `<item><title>Wire item ${i}</title><link>${origin}/news/${i}</link><guid>${origin}/news/${i}</guid>
      <pubDate>${new Date(`2026-02-${day}T0${i % 10}:00:00Z`).toUTCString()}</pubDate><description>Body of item ${i}, with &amp; and ü.</description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Upstream</title><link>${origin}/</link><description>d</description>${items}</channel></rss>`;
}

function writeConfig(dir: TempDir, origin: string): void {
  dir.write('config/wirefeed.yaml', 'parse:\n  threads: 0\nfetch:\n  allowPrivateNetworks: true\n  perHostDelayMs: 0\n');
  dir.write('config/sources/inbox.yaml', `id: inbox\ntitle: Wire inbox\ntype: files\npath: ${dir.path('stories')}\nmaxItems: 40\n`);
  dir.write('config/sources/upstream.yaml', `id: upstream\ntype: feed\nurl: ${origin}/feed.rss\n`);
  dir.write('config/sources/quiet.yaml', 'id: quiet\ntype: push\ntoken: abcdefghijklmnopqrstuvwxyz\n');
  dir.write('config/feeds/all.yaml', 'id: all\ntitle: Everything\nsources: [inbox, upstream, quiet]\nlimit: 30\n');
  for (let i = 0; i < STORY_FILES; i++) {
    dir.write(`stories/s${String(i).padStart(4, '0')}.txt`, `Story number ${i} ${'é'.repeat(i % 3)}\n\nDated line ${i}: the council met on day ${i}.\n\nA second paragraph for ${i}.`);
  }
}

/** Every feed of the app in every format, and a second page of the combined feed. */
async function feedDocuments(app: App): Promise<Map<string, { body: string; etag: string | undefined }>> {
  const docs = new Map<string, { body: string; etag: string | undefined }>();
  for (const feed of app.feeds) {
    for (const format of FORMATS) {
      for (const query of ['', '?limit=7', '?before=2026-03-05T00:00:00.000Z']) {
        const path = `/feeds/${feed.id}.${format.extension}${query}`;
        const res = await request(app.listener).get(path).buffer(true).parse((r, done) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => done(null, text));
        });
        assert.equal(res.status, 200, path);
        docs.set(path, { body: res.body as string, etag: res.headers.etag as string | undefined });
      }
    }
  }
  return docs;
}

const openApp = (dir: TempDir, databaseUrl: string) =>
  createApp({ env: { DATABASE_URL: databaseUrl, WIREFEED_BASE_URL: 'https://feeds.example.org' }, configDir: dir.path('config'), clock: fixedClock(CLOCK), log: silentLogger(), processMetrics: false, ...testThreads() });

/** The export's lines without its header (which carries when it was made). */
const rowsOf = (ndjson: string) => ndjson.split('\n').slice(1).join('\n');

describePostgres('export and import: SQLite to PostgreSQL', () => {
  let dir: TempDir;
  let site: LocalServer;
  let script: string;
  let original: Map<string, { body: string; etag: string | undefined }>;
  let exported: string;

  before(async function () {
    this.timeout(300_000);
    dir = tempDir();
    site = await startServer({
      '/feed.rss': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rssOf(site.origin)),
      '/robots.txt': (_req, res) => res.writeHead(404).end(),
    });
    writeConfig(dir, site.origin);
    script = await buildCli();
    const app = await openApp(dir, `file:${dir.path('wirefeed.db')}`);
    try {
      for (const id of ['inbox', 'upstream']) {
        const outcome = await app.scheduler.runNow(id);
        assert.equal(outcome.error, null, `${id}: ${outcome.error}`);
      }
      assert.equal(await app.store.countStories('inbox'), STORY_FILES);
      assert.equal(await app.store.countStories('upstream'), 12);
      original = await feedDocuments(app);
    } finally {
      await app.close();
    }
    const out = await runCli(script, ['export', dir.path('store.ndjson')], { DATABASE_URL: `file:${dir.path('wirefeed.db')}`, WIREFEED_CONFIG: dir.path('config') });
    assert.equal(out.code, 0, out.stderr);
    // Counted table by table: other tables may join the export list.
    const counts = (/^export: (.*)$/m.exec(out.stderr)?.[1] ?? '').split(', ');
    for (const count of [`${STORY_FILES + 12} stories`, '2 source_state', '1 http_validators', `${STORY_FILES} story_files`, '2 runs']) {
      assert.ok(counts.includes(count), `${count} in ${out.stderr}`);
    }
    exported = readFileSync(dir.path('store.ndjson'), 'utf8');
  });

  after(async () => {
    await site?.close();
    dir?.remove();
  });

  it('imports into a fresh PostgreSQL where every feed document is byte-identical, and a second import changes nothing', async function () {
    this.timeout(300_000);
    const url = await (await sharedPostgres()).createDatabase();
    const env = { DATABASE_URL: url, WIREFEED_CONFIG: dir.path('config') };
    const first = await runCli(script, ['import', dir.path('store.ndjson')], env);
    assert.equal(first.code, 0, first.stderr);
    const rows = exported.split('\n').filter((l) => l.startsWith('{"table"')).length;
    assert.match(first.stderr, new RegExp(`import: ${rows} rows .*; ${rows} written, 0 already there`));

    const app = await openApp(dir, url);
    try {
      assert.ok(app.store instanceof PostgresStore);
      const after = await feedDocuments(app);
      assert.equal(after.size, original.size);
      for (const [path, doc] of original) {
        assert.equal(after.get(path)?.body, doc.body, `${path}: same bytes`);
        assert.equal(after.get(path)?.etag, doc.etag, `${path}: same ETag`);
      }
      // The store goes on: a new run takes the next run id, past the imported ones.
      const run = await app.scheduler.runNow('upstream');
      assert.equal(run.error, null);
      assert.equal((await app.store.lastRun('upstream'))?.id, 3);
    } finally {
      await app.close();
    }

    const again = await runCli(script, ['import'], env, exported);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`import: ${rows} rows .*; 0 written, ${rows} already there`), 'from stdin, nothing to write (but the run made since)');
  });

  it('finishes an import killed half-way when run again, ending identical', async function () {
    this.timeout(300_000);
    const reference = await (await sharedPostgres()).createDatabase();
    const cut = await (await sharedPostgres()).createDatabase();
    const env = (url: string) => ({ DATABASE_URL: url, WIREFEED_CONFIG: dir.path('config') });
    assert.equal((await runCli(script, ['import', dir.path('store.ndjson')], env(reference))).code, 0);

    // Half the export down a pipe: once the first batch is committed, the import is killed.
    const lines = exported.split('\n');
    const child = spawn(process.execPath, [script, 'import'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env(cut) }, stdio: ['pipe', 'ignore', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.stdin.on('error', () => {});
    child.stdin.write(`${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
    const store = new PostgresStore(cut);
    try {
      const started = Date.now();
      let stored = 0;
      while (stored === 0) {
        assert.ok(Date.now() - started < 120_000, 'hang guard: the first batch never arrived');
        stored = await store.countStories('inbox').catch(() => 0);
        if (stored === 0) await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      const total = (await store.storeSize()).rows;
      assert.ok(total.stories! > 0 && total.stories! < STORY_FILES + 12, `half-way: ${total.stories} stories`);
      assert.equal(total.story_files, 0, 'nothing after the stories yet');
    } finally {
      await store.close();
    }

    const rerun = await runCli(script, ['import', dir.path('store.ndjson')], env(cut));
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stderr, /already there/);
    const dump = async (target: string) => {
      const out = await runCli(script, ['export'], env(target));
      assert.equal(out.code, 0, out.stderr);
      return rowsOf(out.stdout);
    };
    const [a, b] = [await dump(reference), await dump(cut)];
    assert.equal(b, a, 'the finished import holds what an uninterrupted one does');
    assert.equal(b, rowsOf(exported), 'and what SQLite held, row for row');
  });
});

