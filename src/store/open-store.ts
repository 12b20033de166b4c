import { AppError } from '../errors.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** DATABASE_URL -> Store: `file:` is SQLite; `postgres://` (or `postgresql://`) is PostgreSQL. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (databaseUrl.startsWith('file:')) return SqliteStore.fromUrl(databaseUrl);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return new PostgresStore(databaseUrl);
  throw new AppError('CONFIG_INVALID', `unsupported DATABASE_URL scheme: ${databaseUrl.split(':')[0]}`);
}
