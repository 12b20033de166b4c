// wirefeed vacuum: rewrites a SQLite store once so that it gives free pages back in small
// steps from then on (auto_vacuum=INCREMENTAL: stores made before it have NONE, which can
// only change with a full VACUUM). Holds the write lock for the whole rewrite and needs
// the file's size free on disk again: run it with the service stopped.
import { statSync } from 'node:fs';
import { SqliteStore } from '../store/sqlite.js';
import { openConfiguredStore } from './open-configured-store.js';

export async function vacuumCommand(): Promise<number> {
  const { store, databaseUrl } = await openConfiguredStore();
  try {
    if (!(store instanceof SqliteStore)) {
      process.stdout.write('vacuum: PostgreSQL reclaims space itself (autovacuum); nothing to do\n');
      return 0;
    }
    const file = SqliteStore.fileOf(databaseUrl);
    const size = () => (file ? statSync(file).size : 0);
    const before = size();
    const modes = store.vacuum();
    process.stdout.write(`vacuum: auto_vacuum ${modes.before} -> ${modes.after}; ${mib(before)} -> ${mib(size())}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
