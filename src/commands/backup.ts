// wirefeed backup FILE: a consistent copy of a live SQLite store (SQLite's online backup,
// as of the moment it begins) while the service goes on serving and writing. PostgreSQL is
// backed up with its own tools (pg_dump: README "Operating for months").
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { SqliteStore } from '../store/sqlite.js';
import { openConfiguredStore } from './open-configured-store.js';

export async function backupCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('wirefeed: backup needs a FILE\n');
    return 2;
  }
  if (existsSync(file)) {
    process.stderr.write(`wirefeed backup: ${file} exists; give a new file name\n`);
    return 2;
  }
  const { store } = await openConfiguredStore();
  try {
    if (!(store instanceof SqliteStore)) {
      process.stderr.write('wirefeed backup: the store is PostgreSQL: back it up with pg_dump (README, "Operating for months")\n');
      return 2;
    }
    // Written beside, then renamed: a backup cut short never lies under the name asked for.
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    const { stories } = await store.backup(partial);
    renameSync(partial, file);
    process.stdout.write(`backup: ${stories} stories in ${file} (${(statSync(file).size / 1048576).toFixed(1)} MiB)\n`);
    return 0;
  } finally {
    await store.close();
  }
}
