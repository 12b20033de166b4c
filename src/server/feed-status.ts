// Is a feed being served from stale data? A source whose last run failed keeps serving
// its last good stories; readers learn since when from a response header. Looked up
// per source at most every `ttlMs` (run outcomes do not change the feed version, and a
// store query per cached request would cost more than the rest of the hot path).
import { performance } from 'node:perf_hooks';
import type { Store } from '../store/store.js';

interface Memo {
  at: number;
  staleSince: string | null;
}

export class FeedStatus {
  private readonly memo = new Map<string, Memo>();

  constructor(
    private readonly store: Pick<Store, 'lastRun' | 'lastSuccess'>,
    private readonly ttlMs = 5000,
  ) {}

  /**
   * The answer from memory when every source's memo is fresh (the common case: no
   * promise on the hot path), else undefined: then call `staleSince`.
   */
  peek(sourceIds: readonly string[]): string | null | undefined {
    const now = performance.now();
    let oldest: string | null = null;
    for (const id of sourceIds) {
      const memo = this.memo.get(id);
      if (!memo || now - memo.at >= this.ttlMs) return undefined;
      if (memo.staleSince !== null && (oldest === null || memo.staleSince < oldest)) oldest = memo.staleSince;
    }
    return oldest;
  }

  /** Oldest "stale since" (ISO) over the feed's sources, or null when all are fresh. */
  async staleSince(sourceIds: readonly string[]): Promise<string | null> {
    let oldest: string | null = null;
    for (const id of sourceIds) {
      const since = await this.sourceStaleSince(id);
      if (since !== null && (oldest === null || since < oldest)) oldest = since;
    }
    return oldest;
  }

  /** Called when a run finishes in this process, so its outcome shows at once. */
  invalidate(sourceId: string): void {
    this.memo.delete(sourceId);
  }

  private async sourceStaleSince(sourceId: string): Promise<string | null> {
    const now = performance.now();
    const memo = this.memo.get(sourceId);
    if (memo && now - memo.at < this.ttlMs) return memo.staleSince;
    const last = await this.store.lastRun(sourceId);
    // Stale since the last run that succeeded; a source that never succeeded, since its first failure.
    const staleSince = last?.status === 'failed' ? ((await this.store.lastSuccess(sourceId)) ?? last.startedAt) : null;
    this.memo.set(sourceId, { at: now, staleSince });
    return staleSince;
  }
}
