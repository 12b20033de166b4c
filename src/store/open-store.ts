import { AppError } from '../errors.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** DATABASE_URL -> Store: `file:` is SQLite; `postgres://` is PostgreSQL. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (databaseUrl.startsWith('file:')) return SqliteStore.fromUrl(databaseUrl);
  throw new AppError('CONFIG_INVALID', `unsupported DATABASE_URL scheme: ${databaseUrl.split(':')[0]}`);
}
