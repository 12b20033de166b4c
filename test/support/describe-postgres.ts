// A describe block for tests that need PostgreSQL. Its own `before` starts (or reaches)
// the shared test server, so a PostgreSQL problem fails only these suites, and a run that
// selects none of their tests (`--grep`) starts no server.
import pg from 'pg';
import { postgresUnavailable, sharedPostgres, type PostgresServer } from './postgres-server.js';
import { suiteUnavailable } from './skip-unavailable.js';

/**
 * Locally without PostgreSQL the block is one skipped test with the reason printed. Under
 * CI=1 PostgreSQL is required: missing fails that test, and failing to start or to answer
 * fails the block's `before` hook with the reason, never a skip.
 */
export function describePostgres(title: string, body: (this: Mocha.Suite) => void): void {
  describe(title, function () {
    if (suiteUnavailable(postgresUnavailable())) return;
    before(async function () {
      this.timeout(60_000); // initdb and start-up of the throwaway server, on a busy machine
      await reachablePostgres();
    });
    body.call(this);
  });
}

/** The shared server once it answers a query; the error says which server and why not. */
async function reachablePostgres(): Promise<PostgresServer> {
  const where = process.env.WIREFEED_TEST_PG_URL ? `WIREFEED_TEST_PG_URL ${redacted(process.env.WIREFEED_TEST_PG_URL)}` : 'a throwaway server';
  try {
    const server = await sharedPostgres();
    const client = new pg.Client({ connectionString: server.adminUrl, connectionTimeoutMillis: 20_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
    return server;
  } catch (err) {
    throw new Error(`PostgreSQL tests cannot run: ${where} did not start or answer: ${(err as Error).message}`, { cause: err });
  }
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}
