// The store the configuration names (DATABASE_URL, else data/wirefeed.db), opened without
// the rest of the app: the store commands need no threads, server or scheduler.
import { configDir, loadConfig } from '../config/load-config.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export async function openConfiguredStore(): Promise<{ store: Store; databaseUrl: string }> {
  const { databaseUrl } = loadConfig(configDir());
  return { store: await openStore(databaseUrl), databaseUrl };
}
