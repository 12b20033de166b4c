// The tables an export carries, in the order an import writes them (a table before those
// that refer to it), each with its key: the export's order and the import's upsert key.
// Columns are read off the database itself, so a column a migration adds travels at once;
// a new table must be listed here or in NOT_EXPORTED (a store test checks every table is).

export interface StoreTable {
  name: string;
  /** Primary key columns. */
  key: readonly string[];
  /** Left out by `wirefeed export --no-runs`. */
  optional?: boolean;
}

export const STORE_TABLES: readonly StoreTable[] = [
  { name: 'stories', key: ['id'] },
  { name: 'source_state', key: ['source_id'] },
  { name: 'http_validators', key: ['source_id', 'url'] },
  { name: 'story_files', key: ['source_id', 'name'] },
  { name: 'runs', key: ['id'], optional: true },
  // When each feed was first served: an empty feed's dates, so its bytes move unchanged.
  { name: 'feed_state', key: ['feed_id'] },
  { name: 'source_health', key: ['source_id'] },
  { name: 'health_events', key: ['id'] },
  // The replaced versions of stories (story-revision.ts): after the stories they belong to; last, so earlier summaries read as before.
  { name: 'story_versions', key: ['story_id', 'seq'] },
];

/**
 * Tables that stay behind: the migration ledger is each store's own, and a run lease
 * is only held while a process runs a source (a moved install takes its leases afresh).
 */
export const NOT_EXPORTED: readonly string[] = ['schema_migrations', 'leases'];

/** One row as the database gives it: column name to value. */
export type TableRow = Record<string, unknown>;

/** The table-level reads and writes of export and import. */
export interface TableStore {
  /** Every table of the store (after migrate), export or not. */
  tableNames(): Promise<string[]>;
  /** The table's columns in the order the database has them. */
  tableColumns(table: string): Promise<string[]>;
  /**
   * Reads the tables in key order, `batchSize` rows at a time, all from one snapshot taken
   * when the read begins (writers go on meanwhile); `onRows` is awaited before the next batch.
   */
  readTables(tables: readonly StoreTable[], batchSize: number, onRows: (table: StoreTable, rows: TableRow[]) => Promise<void>): Promise<void>;
  /**
   * Inserts the rows, or overwrites the row of the same key where any column differs, in
   * one transaction; returns how many rows were written (rows already equal are not).
   */
  writeRows(table: StoreTable, rows: readonly TableRow[]): Promise<number>;
}

/** `"a", "b"`: identifiers are the registry's and the database's own column names, quoted anyway. */
export function columnList(columns: readonly string[]): string {
  return columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
}
