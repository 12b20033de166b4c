// Versioned render cache: one entry per (feed, format, normalized parameters), valid
// for one feed version. A request whose version differs re-renders and replaces the
// entry, so stale bodies never pile up; a size cap bounds the parameter space (the
// least recently rendered entry goes first: a hit does not reorder, to keep hits cheap),
// and so does a byte cap: full-text feeds are megabytes each, and every distinct query
// (?filter=anything) is an entry.
// Concurrent misses for the same key share one render.

export type CacheEvent = 'hit' | 'miss' | 'evict';

export interface RenderCacheOptions<V> {
  maxEntries?: number;
  /** With `sizeOf`: the most bytes all entries may hold together. */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
  /** Metrics hook (e.g. a Prometheus counter's inc): called once per lookup outcome. */
  onEvent?: (event: CacheEvent, key: string) => void;
}

interface Entry<V> {
  version: string;
  value: V;
}

export class RenderCache<V> {
  readonly stats = { hits: 0, misses: 0, evictions: 0 };
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, { version: string; value: Promise<V> }>();
  private readonly maxEntries: number;
  private bytes = 0;

  constructor(private readonly options: RenderCacheOptions<V> = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** Bytes held, by `sizeOf` (0 without it). */
  get byteSize(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value for `key` at `version`, without rendering; undefined on a miss. */
  peek(key: string, version: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry?.version !== version) return undefined;
    this.stats.hits += 1;
    this.options.onEvent?.('hit', key);
    return entry.value;
  }

  /** The value for `key` at `version`, rendering it with `produce` on a miss. */
  async get(key: string, version: string, produce: () => Promise<V>): Promise<V> {
    const hit = this.peek(key, version);
    if (hit !== undefined) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight?.version === version) return inFlight.value;
    this.stats.misses += 1;
    this.options.onEvent?.('miss', key);
    const value = produce();
    this.pending.set(key, { version, value });
    try {
      const done = await value;
      this.store(key, version, done);
      return done;
    } finally {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private store(key: string, version: string, value: V): void {
    this.remove(key); // re-insert: Map order is recency order
    this.entries.set(key, { version, value });
    this.bytes += this.options.sizeOf?.(value) ?? 0;
    const maxBytes = this.options.maxBytes ?? Infinity;
    // The entry just stored stays even when it alone is over the cap: it is being served.
    while (this.entries.size > this.maxEntries || (this.bytes > maxBytes && this.entries.size > 1)) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
      this.stats.evictions += 1;
      this.options.onEvent?.('evict', oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= this.options.sizeOf?.(entry.value) ?? 0;
    this.entries.delete(key);
  }
}
