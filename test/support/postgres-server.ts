// A throwaway PostgreSQL for tests: initdb into a temp dir, a free port, unix socket in
// that dir, stopped after. `.ci/run` may start one itself and pass its admin URL in
// WIREFEED_TEST_PG_URL; then that server is used and left alone.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** Superuser URL of the `postgres` database (for CREATE DATABASE). */
  adminUrl: string;
  /** A fresh, empty database on this server; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

/** The folder holding pg_ctl/initdb/postgres, or null when the server is not installed. */
export function postgresBinDir(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'pg_ctl')) && existsSync(path.join(dir, 'postgres'))) return dir;
    // Debian links pg_ctl into PATH but keeps `postgres` only in /usr/lib/postgresql/<ver>/bin.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  if (process.env.WIREFEED_TEST_PG_URL) return null;
  return postgresBinDir() ? null : 'no PostgreSQL server binaries (pg_ctl, postgres) on PATH or in /usr/lib/postgresql';
}

let shared: Promise<PostgresServer> | undefined;

/** One server per test process, stopped when the process exits. */
export function sharedPostgres(): Promise<PostgresServer> {
  shared ??= process.env.WIREFEED_TEST_PG_URL
    ? Promise.resolve(external(process.env.WIREFEED_TEST_PG_URL))
    : startPostgres().then((server) => {
        process.once('exit', () => server.stop());
        return server;
      });
  return shared;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresUnavailable() ?? 'no PostgreSQL');
  const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-pg-'));
  const asUser = serverUser();
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  const run = (cmd: string, args: string[]) => {
    const argv = asUser ? ['-u', asUser.name, '--', path.join(bin, cmd), ...args] : args;
    execFileSync(asUser ? 'runuser' : path.join(bin, cmd), argv, { stdio: 'pipe' });
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--locale=C', '-E', 'UTF8', '--no-sync']);
    // A test server: durability off for speed; socket in our own dir, not /var/run.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const server = external(`postgres://postgres@127.0.0.1:${port}/postgres`);
  let stopped = false;
  return {
    ...server,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function external(adminUrl: string): PostgresServer {
  let n = 0;
  return {
    adminUrl,
    async createDatabase() {
      const name = `wirefeed_test_${process.pid}_${Date.now().toString(36)}_${n++}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop() {},
  };
}

/** PostgreSQL refuses to run as root: use the `postgres` user (Debian), else `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // no such user; try the next
    }
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run PostgreSQL');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

