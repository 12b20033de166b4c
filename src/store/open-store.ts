import { AppError } from '../errors.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './store.js';

/** DATABASE_URL -> Store: `file:` is SQLite; `postgres://` (or `postgresql://`) is PostgreSQL. */
export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  if (databaseUrl.startsWith('file:')) return SqliteStore.fromUrl(databaseUrl, process.cwd(), options);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return new PostgresStore(databaseUrl, options);
  throw new AppError('CONFIG_INVALID', `unsupported DATABASE_URL scheme: ${databaseUrl.split(':')[0]}`);
}
