// Scale-out on PostgreSQL, as deployed: `wirefeed migrate`, then 3 `worker` and 2 `serve`
// OS processes on one database, 20 files sources on a 5-second cron (ticks at wall-clock
// multiples of 5 s). Each leased run row records its tick (`slot`) and worker (`owner`).
// Stories dropped between ticks are also picked up at once by the files source's folder
// watch: those runs take the same lease on whichever worker gets it first (recorded with
// an owner but no slot), and a tick that finds the lease held by one waits for it.
import assert from 'node:assert/strict';
import pg from 'pg';
import { spawnCli, type CliProcess } from '../support/spawn-cli.js';
import { postgresUnavailable, sharedPostgres } from '../support/postgres-server.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

const TICK_MS = 5000;
const SOURCES = Array.from({ length: 20 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const INITIAL_FILES = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tickOf = (ms: number) => Math.floor(ms / TICK_MS) * TICK_MS;

interface RunRow {
  source_id: string;
  started_at: string;
  finished_at: string | null;
  slot: string | null;
  owner: string | null;
  status: string;
  error: string | null;
}

/** The fixture: 20 files sources, each a folder of wire stories; more are added per tick. */
function writeSite(dir: TempDir): { add(n: number): void; count(source: string): number } {
  const written = new Map<string, number>();
  const add = (n: number) => {
    for (const source of SOURCES) {
      const from = written.get(source) ?? 0;
      for (let i = from; i < from + n; i++) {
        dir.write(
          `stories/${source}/${String(i).padStart(4, '0')}.txt`,
          `${source} desk story ${i}\n\nHOBART, Australia - Story ${i} of the ${source} desk, filed for the scale-out test.\n\nA second paragraph, so that the body has some length to store.\n`,
        );
      }
      written.set(source, from + n);
    }
  };
  for (const source of SOURCES) {
    dir.write(`config/sources/${source}.yaml`, `id: ${source}\ntitle: Desk ${source}\ntype: files\nschedule: "*/5 * * * * *"\npath: ${dir.path('stories', source)}\n`);
  }
  add(INITIAL_FILES);
  return { add, count: (source) => written.get(source) ?? 0 };
}

async function waitFor<T>(what: string, deadline: number, probe: () => Promise<T | undefined>): Promise<T> {
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits for `tick`, then SIGKILLs the first worker seen in the middle of a run of it. */
async function killMidRun(db: pg.Client, workers: CliProcess[], tick: number) {
  await sleep(tick - Date.now());
  // Soon enough that its leases expire before the next tick.
  return waitFor('a worker in the middle of a run', tick + 3000, async () => {
    const { rows } = await db.query<{ owner: string }>(`SELECT owner FROM runs WHERE status = 'running' AND slot = $1`, [
      new Date(tick).toISOString(),
    ]);
    const victim = workers.find((w) => rows.some((r) => r.owner.includes(`:${w.child.pid}:`)));
    if (!victim) return undefined;
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    const owner = rows.find((r) => r.owner.includes(`:${victim.child.pid}:`))!.owner;
    // A dead process releases nothing: its unreleased leases are exactly its runs in flight.
    const held = await db.query<{ source_id: string }>(`SELECT source_id FROM leases WHERE owner = $1 AND NOT released`, [owner]);
    return { victim, owner, interrupted: held.rows.map((r) => r.source_id) };
  });
}

/** Resolves when every source has finished one run matching `where`. */
async function ranAll(db: pg.Client, where: string): Promise<true | undefined> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(DISTINCT source_id) AS n FROM runs WHERE status = 'ok' AND ${where}`);
  return Number(rows[0]!.n) === SOURCES.length ? true : undefined;
}

async function waitForStartup(db: pg.Client, workers: CliProcess[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  await waitFor('workers started', deadline, async () => (workers.every((w) => /"msg":"scheduler started"/.test(w.stderr())) ? true : undefined));
  await waitFor('the start-up ingest', deadline, () => ranAll(db, 'true'));
}

async function fetchFeed(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': 'identity' } });
  return { status: res.status, etag: res.headers.get('etag'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('scale-out: 3 worker and 2 web processes on one PostgreSQL', function () {
  // About 30 s on an idle machine; spawning five processes is most of it.
  this.timeout(180_000);
  const unavailable = postgresUnavailable();
  if (unavailable && !process.env.CI) {
    it(`skipped: ${unavailable}`, function () {
      console.log(`    scale-out e2e skipped: ${unavailable}`);
      this.skip();
    });
    return;
  }

  let dir: TempDir;
  let procs: CliProcess[] = [];
  let db: pg.Client;
  afterEach(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await db?.end();
    dir?.remove();
  });

  it('runs each (source, tick) once, loses nothing to a SIGKILL mid-run, and serves identical feeds', async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`      ${what} at +${Date.now() - t0} ms`);
    const url = await (await sharedPostgres()).createDatabase();
    dir = tempDir();
    const site = writeSite(dir);
    const env = { DATABASE_URL: url, WIREFEED_CONFIG: dir.path('config'), PORT: '0', WIREFEED_BASE_URL: 'http://feeds.example.org' };
    const release = spawnCli(['migrate'], env);
    procs = [release];
    assert.equal(await new Promise((r) => release.child.once('exit', r)), 0, release.stderr());
    const workers = [0, 1, 2].map(() => spawnCli(['worker'], env));
    const webs = [0, 1].map(() => spawnCli(['serve'], env));
    procs = [...workers, ...webs];
    const ports = await Promise.all(webs.map((w) => w.port));
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await waitForStartup(db, workers);
    mark('processes up, start-up ingest done');
    // Ticks t1..t3 with every worker up; new stories arrive between ticks. At t4 a worker
    // is killed in the middle of its runs; t5 is the tick after.
    const t1 = tickOf(Date.now()) + TICK_MS;
    for (const tick of [t1, t1 + TICK_MS, t1 + 2 * TICK_MS]) {
      await sleep(tick + 300 - Date.now());
      site.add(3);
    }
    const killTick = t1 + 3 * TICK_MS;
    const kill = await killMidRun(db, workers, killTick);
    mark('worker killed');
    assert.ok(kill.interrupted.length > 0, 'the killed worker was mid-run');
    const lastTick = killTick + TICK_MS;

    // The tick after the kill: every source runs, the interrupted ones on other workers.
    await waitFor('the tick after the kill', lastTick + 4 * TICK_MS, () => ranAll(db, `slot = '${new Date(lastTick).toISOString()}'`));

    mark('tick after the kill done');
    const perWorker = await checkRuns(db, { from: t1, to: lastTick, killTick, victim: kill.owner, interrupted: kill.interrupted });
    await checkStories(db, site.count);
    const unscheduled = await checkOneAtATime(db);
    await checkFeeds(ports);

    const spread = workers.map((w) => [...perWorker].find(([owner]) => owner.includes(`:${w.child.pid}:`))?.[1] ?? 0);
    assert.ok(spread.every((n) => n > 0), `runs spread over all workers: ${spread.join('/')}`);
    console.log(`      leased runs per worker ${spread.join('/')}; ticks ${(lastTick - t1) / TICK_MS + 1}; killed mid-run: ${kill.interrupted.length} source(s); folder-watch runs: ${unscheduled}`);
    mark('checked');
    const survivors = [...workers.filter((w) => w !== kill.victim), ...webs];
    assert.deepEqual(await Promise.all(survivors.map((p) => p.stop('SIGTERM'))), survivors.map(() => 0));
  });
});

/**
 * Every (source, tick) ran at most once, and from t1 to the tick after the kill exactly
 * once; the killed worker's runs are marked abandoned and their sources ran again on the
 * next tick, elsewhere. Returns the number of leased runs per worker.
 */
async function checkRuns(db: pg.Client, w: { from: number; to: number; killTick: number; victim: string; interrupted: string[] }) {
  const { rows } = await db.query<RunRow>('SELECT source_id, slot, owner, status, error, started_at, finished_at FROM runs WHERE slot IS NOT NULL ORDER BY id');
  const byKey = new Map<string, RunRow[]>();
  const perWorker = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.source_id}@${Date.parse(r.slot!)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
    perWorker.set(r.owner!, (perWorker.get(r.owner!) ?? 0) + 1);
  }
  const twice = [...byKey].filter(([, runs]) => runs.length > 1).map(([key]) => key);
  assert.deepEqual(twice, [], 'no (source, tick) ran twice');
  for (let tick = w.from; tick <= w.to; tick += TICK_MS) {
    // A source whose lease the killed worker had just taken may have no row for that tick.
    const excused = tick === w.killTick ? w.interrupted : [];
    const missing = SOURCES.filter((s) => !byKey.has(`${s}@${tick}`) && !excused.includes(s));
    const around = missing.map((m) => rows.filter((r) => r.source_id === m).map((r) => `${r.slot} ${r.started_at}-${r.finished_at} ${r.status}`));
    assert.deepEqual(missing, [], `every source ran at tick ${new Date(tick).toISOString()}: ${JSON.stringify(around)}`);
  }
  const dead = rows.filter((r) => r.owner === w.victim && Date.parse(r.slot!) === w.killTick && w.interrupted.includes(r.source_id));
  assert.ok(dead.length > 0, 'at least one run was killed mid-run');
  for (const run of dead) {
    assert.equal(run.status, 'failed', `${run.source_id}: the killed run is not left 'running'`);
    assert.match(run.error ?? '', /abandoned/);
  }
  for (const source of w.interrupted) {
    const next = byKey.get(`${source}@${w.to}`)?.[0];
    assert.equal(next?.status, 'ok', `${source} ran again on the next tick`);
    assert.notEqual(next?.owner, w.victim, `${source} ran again on another worker`);
  }
  return perWorker;
}

/**
 * Folder-watch runs take the same lease as ticks: no two runs of one source overlap,
 * whichever workers ran them (a killed run ends when its lease is taken over). Returns
 * the number of runs outside the schedule.
 */
async function checkOneAtATime(db: pg.Client): Promise<number> {
  const { rows } = await db.query<RunRow>('SELECT source_id, slot, owner, status, error, started_at, finished_at FROM runs ORDER BY source_id, started_at');
  const overlaps: string[] = [];
  for (const [i, run] of rows.entries()) {
    const prev = rows[i - 1];
    if (prev?.source_id !== run.source_id) continue;
    if (!prev.finished_at || prev.finished_at > run.started_at) overlaps.push(`${run.source_id}: ${prev.owner} ${prev.started_at}-${prev.finished_at} / ${run.owner} ${run.started_at}`);
  }
  assert.deepEqual(overlaps, [], 'runs of one source never overlap');
  assert.ok(rows.every((r) => r.owner), 'every worker run records its owner');
  return rows.filter((r) => r.slot === null).length;
}

async function checkStories(db: pg.Client, written: (source: string) => number) {
  const { rows } = await db.query<{ source_id: string; n: string; titles: string }>(
    `SELECT source_id, count(*) AS n, count(DISTINCT data::json->>'title') AS titles FROM stories GROUP BY source_id ORDER BY source_id`,
  );
  assert.deepEqual(
    rows.map((r) => [r.source_id, Number(r.n), Number(r.titles)]),
    SOURCES.map((s) => [s, written(s), written(s)]),
    'every story file stored exactly once',
  );
}

async function checkFeeds(ports: number[]) {
  // Every source's RSS, and all three formats of two: each first request renders and compresses.
  const paths = [...SOURCES.map((source) => `/feeds/${source}.rss`), ...['s01', 's20'].flatMap((s) => [`/feeds/${s}.atom`, `/feeds/${s}.json`])];
  await Promise.all(
    paths.map(async (path) => {
      const [a, b] = await Promise.all(ports.map((port) => fetchFeed(port, path)));
      assert.equal(a!.status, 200);
      assert.ok(a!.etag, 'an ETag');
      assert.equal(a!.etag, b!.etag, `${path}: same ETag on both web processes`);
      assert.ok(a!.body.equals(b!.body), `${path}: same bytes on both web processes`);
    }),
  );
}
