// Table reads and writes for export and import on SQLite.
import Database from 'better-sqlite3';
import { columnList, type StoreTable, type TableRow, type TableStore } from '../store-tables.js';

export function sqliteTables(db: Database.Database): TableStore {
  const columnsOf = (on: Database.Database, table: string): string[] =>
    (on.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]);
  const upserts = new Map<string, Database.Statement>();

  return {
    async tableNames(): Promise<string[]> {
      return db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    },

    async tableColumns(table: string): Promise<string[]> {
      return columnsOf(db, table);
    },

    async readTables(tables, batchSize, onRows): Promise<void> {
      // Its own read-only connection and transaction: one snapshot for the whole read
      // (WAL lets writers go on), and the store's own connection stays free for them.
      const reader = db.memory ? db : new Database(db.name, { readonly: true, fileMustExist: true });
      const own = reader !== db;
      try {
        if (own) reader.prepare('BEGIN').run();
        for (const table of tables) {
          const columns = columnsOf(reader, table.name);
          const key = columnList(table.key);
          const marks = table.key.map(() => '?').join(', ');
          const first = reader.prepare(`SELECT ${columnList(columns)} FROM "${table.name}" ORDER BY ${key} LIMIT ?`);
          const next = reader.prepare(`SELECT ${columnList(columns)} FROM "${table.name}" WHERE (${key}) > (${marks}) ORDER BY ${key} LIMIT ?`);
          for (let last: TableRow | undefined; ; ) {
            const rows = (last ? next.all(...table.key.map((k) => last![k]), batchSize) : first.all(batchSize)) as TableRow[];
            if (rows.length > 0) await onRows(table, rows);
            if (rows.length < batchSize) break;
            last = rows[rows.length - 1];
          }
        }
      } finally {
        if (own) {
          if (reader.inTransaction) reader.prepare('COMMIT').run();
          reader.close();
        }
      }
    },

    async writeRows(table: StoreTable, rows: readonly TableRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const columns = Object.keys(rows[0]!);
      const shape = `${table.name}:${columns.join(',')}`;
      let upsert = upserts.get(shape);
      if (!upsert) {
        const rest = columns.filter((c) => !table.key.includes(c));
        const q = (c: string) => `"${c}"`;
        upsert = db.prepare(
          `INSERT INTO "${table.name}" (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')})
           ON CONFLICT (${columnList(table.key)}) DO ${
             rest.length === 0
               ? 'NOTHING'
               : `UPDATE SET ${rest.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}
                  WHERE ${rest.map((c) => `"${table.name}".${q(c)} IS NOT excluded.${q(c)}`).join(' OR ')}`
           }`,
        );
        upserts.set(shape, upsert);
      }
      const statement = upsert;
      return db.transaction(() => {
        let written = 0;
        for (const row of rows) written += statement.run(...columns.map((c) => sqliteValue(row[c]))).changes;
        return written;
      })();
    },
  };
}

/** SQLite binds no booleans: an export from PostgreSQL carries them for its boolean columns. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}
