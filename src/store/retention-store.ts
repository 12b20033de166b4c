// The retention role of the Store: old rows pruned in small batches, and the store's size.
// Every prune is one short statement that deletes at most `limit` rows, so that a caller
// can yield between batches and never hold SQLite's single writer for long.

/** Which stories of one source may go: older than `before` and outside its newest `keepNewest`. */
export interface StoryPrune {
  sourceId: string;
  /**
   * ISO cutoff: a story goes only when its effective date and its last change are both
   * older (a story first seen today with an old date stays its whole retention).
   */
  before: string;
  /** The newest stories of the source (feed order) that always stay: every feed's window. */
  keepNewest: number;
  limit: number;
}

/** Which rows of one source may go: older than `before` (ISO), at most `limit` of them. */
export interface RowPrune {
  sourceId: string;
  before: string;
  limit: number;
}

/** Bytes and rows of the store, for /status and /metrics. */
export interface StoreSize {
  /** Bytes the store takes: the database file (SQLite, its WAL included) or the database (PostgreSQL). */
  bytes: number;
  /** Of `bytes`, how many are free pages waiting to be reused or reclaimed (SQLite; 0 on PostgreSQL). */
  freeBytes: number;
  /** Rows per table, for the tables an export carries. */
  rows: Record<string, number>;
}

export interface RetentionStore {
  /**
   * Deletes at most `limit` stories of the source that are older than the cutoff and
   * outside its newest `keepNewest` (feed order: effective date, then id), never one a
   * story-file mark still points at (its file is still in the folder: it would come back
   * at the next run). Their replaced versions go with them. Bumps the source's feed
   * version when any went. Returns how many stories went.
   */
  pruneStories(prune: StoryPrune): Promise<number>;
  /** Deletes at most `limit` replaced story versions of the source replaced before the cutoff. */
  pruneStoryVersions(prune: RowPrune): Promise<number>;
  /**
   * Deletes at most `limit` finished runs of the source started before the cutoff, but
   * never its last successful run nor any run after it (backoff counts the failures since).
   */
  pruneRuns(prune: RowPrune): Promise<number>;
  /**
   * Deletes at most `limit` conditional-GET validators of the source last checked before
   * the cutoff whose URL no stored story has (a listing or feed URL is checked every run).
   */
  pruneValidators(prune: RowPrune): Promise<number>;
  /**
   * Deletes at most `limit` changes of health of the source dated before the cutoff, never
   * its newest one (the operator feed keeps the change that led to the source's state).
   */
  pruneHealthEvents(prune: RowPrune): Promise<number>;
  /** Every source id that has stories or runs, configured or not. */
  storedSourceIds(): Promise<string[]>;
  storeSize(): Promise<StoreSize>;
  /**
   * Gives up to `maxBytes` of free pages back to the file system (SQLite incremental
   * vacuum: one short write); returns the bytes freed. 0 where the backend reclaims by
   * itself (PostgreSQL autovacuum) or the SQLite file predates incremental vacuum.
   */
  reclaimSpace(maxBytes: number): Promise<number>;
}
