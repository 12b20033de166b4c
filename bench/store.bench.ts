// Store: ingest stories/s into SQLite and PostgreSQL, and the latest-50 feed query with
// 10k and with 1M stories stored (it should stay flat: an index walk, not a sort).
// PostgreSQL is a throwaway server (as in the tests), or WIREFEED_TEST_PG_URL's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { makeStory } from '../test/support/make-story.js';
import { postgresUnavailable, sharedPostgres, type PostgresServer } from '../test/support/postgres-server.js';

const INGEST = 3000;
const QUERIES = 300;
const BODY = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of a wire story about the harbour bridge, long enough to matter.`);

interface Backend {
  name: string;
  store: Store;
  /** Appends `n` stories to source `big` (and a little to four others) in one statement. */
  bulk(from: number, n: number): Promise<void>;
  close(): Promise<void>;
}

async function ingestRate(store: Store, concurrency: number, tag: string): Promise<number> {
  const stories = Array.from({ length: INGEST }, (_, i) =>
    makeStory({ key: `${tag}-${i}`, sourceId: 'ingest', title: `Story ${i}`, body: { text: BODY.join('\n\n'), html: BODY.map((p) => `<p>${p}</p>`).join('') } }),
  );
  const at = new Date();
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < stories.length) await store.upsertStory(stories[next++]!, at);
    }),
  );
  return INGEST / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** Up to QUERIES queries, or as many as fit in 5 s (a slow plan must not stall the bench). */
async function latency(store: Store, sourceIds: string[]): Promise<{ p50: number; p95: number; n: number }> {
  for (let i = 0; i < 5; i++) await store.listStories({ sourceIds, limit: 50 });
  const times: number[] = [];
  const until = Date.now() + 5000;
  for (let i = 0; i < QUERIES && Date.now() < until; i++) {
    const t0 = process.hrtime.bigint();
    const rows = await store.listStories({ sourceIds, limit: 50 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (rows.length !== 50) throw new Error(`expected 50 stories, got ${rows.length}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]!, n: times.length };
}

async function sqliteBackend(dir: string): Promise<Backend> {
  const file = path.join(dir, 'bench.db');
  const store = new SqliteStore(file);
  await store.migrate();
  const raw = new Database(file);
  return {
    name: 'SQLite',
    store,
    async bulk(from, n) {
      // One statement in one transaction: a recursive CTE generates the rows.
      raw.exec(`
        WITH RECURSIVE g(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM g WHERE i < ${from + n - 1})
        INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed)
        SELECT printf('b%09d', i), CASE WHEN i % 100 < 96 THEN 'big' ELSE 'side' || (i % 4) END, NULL,
               strftime('%Y-%m-%dT%H:%M:%fZ', 1735689600 + i, 'unixepoch'), 'h',
               json_object('id', printf('b%09d', i), 'sourceId', 'big', 'title', 'Story ' || i, 'body', json_object('text', 'x', 'html', '<p>x</p>')),
               '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
        FROM g`);
      raw.exec('ANALYZE');
    },
    async close() {
      raw.close();
      await store.close();
    },
  };
}

async function postgresBackend(server: PostgresServer): Promise<Backend> {
  const url = await server.createDatabase();
  const store = new PostgresStore(url);
  await store.migrate();
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  return {
    name: 'PostgreSQL',
    store,
    async bulk(from, n) {
      await raw.query(
        `INSERT INTO stories (id, source_id, url, sort_date, content_hash, data, first_seen, last_changed)
         SELECT 'b' || lpad(i::text, 9, '0'), CASE WHEN i % 100 < 96 THEN 'big' ELSE 'side' || (i % 4) END, NULL,
                to_char(timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'h',
                json_build_object('id', 'b' || i, 'sourceId', 'big', 'title', 'Story ' || i, 'body', json_build_object('text', 'x', 'html', '<p>x</p>'))::text,
                '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
         FROM generate_series($1::int, $2::int) AS i`,
        [from, from + n - 1],
      );
      await raw.query('ANALYZE stories');
    },
    async close() {
      await raw.end();
      await store.close();
    },
  };
}

async function measure(b: Backend): Promise<void> {
  const seq = await ingestRate(b.store, 1, 'seq');
  const par = await ingestRate(b.store, 8, 'par');
  console.log(`${b.name}: ingest ${Math.round(seq)} stories/s sequential, ${Math.round(par)} stories/s with 8 concurrent upserts`);
  const feeds = { 'one source': ['big'], 'five sources': ['big', 'side0', 'side1', 'side2', 'side3'] };
  const at10k: Record<string, { p50: number; p95: number; n: number }> = {};
  await b.bulk(1, 10_000);
  for (const [name, ids] of Object.entries(feeds)) at10k[name] = await latency(b.store, ids);
  const t0 = Date.now();
  await b.bulk(10_001, 990_000);
  console.log(`${b.name}: generated 990k more stories in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const [name, ids] of Object.entries(feeds)) {
    const small = at10k[name]!;
    const big = await latency(b.store, ids);
    console.log(
      `${b.name}: latest-50 ${name}: 10k stories p50 ${small.p50.toFixed(2)} ms (p95 ${small.p95.toFixed(2)}), ` +
        `1M stories p50 ${big.p50.toFixed(2)} ms (p95 ${big.p95.toFixed(2)}, ${big.n} queries); 1M/10k = ${(big.p50 / small.p50).toFixed(2)}x`,
    );
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-bench-'));
  try {
    const sqlite = await sqliteBackend(dir);
    await measure(sqlite).finally(() => sqlite.close());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const unavailable = postgresUnavailable();
  if (unavailable) {
    console.log(`PostgreSQL: skipped: ${unavailable}`);
    return;
  }
  // Stopped when the process exits (or WIREFEED_TEST_PG_URL's server, left alone).
  const postgres = await postgresBackend(await sharedPostgres());
  await measure(postgres).finally(() => postgres.close());
}
