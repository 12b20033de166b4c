// The store's size for /status and /metrics, read at most once a minute: counting rows is a
// scan of each table, too dear for every scrape of every web process.
import type { Clock } from '../clock.js';
import type { RetentionStore, StoreSize } from '../store/store.js';

export const STORE_SIZE_TTL_MS = 60_000;

export function storeSizeMemo(store: Pick<RetentionStore, 'storeSize'>, clock: Clock, ttlMs = STORE_SIZE_TTL_MS): () => Promise<StoreSize> {
  let cached: { at: number; size: Promise<StoreSize> } | null = null;
  return () => {
    const now = clock.now().getTime();
    if (!cached || now - cached.at >= ttlMs) {
      const size = store.storeSize();
      cached = { at: now, size };
      // A failed read is not kept: the next caller asks again.
      size.catch(() => {
        if (cached?.size === size) cached = null;
      });
    }
    return cached.size;
  };
}
