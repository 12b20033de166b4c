// Table reads and writes for export and import on PostgreSQL.
import type pg from 'pg';
import { columnList, type StoreTable, type TableRow, type TableStore } from '../store-tables.js';
import { transaction } from './transaction.js';

export function postgresTables(pool: pg.Pool): TableStore {
  const columnsOf = async (db: pg.Pool | pg.PoolClient, table: string) =>
    (
      await db.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows;

  return {
    async tableNames(): Promise<string[]> {
      const { rows } = await pool.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      return rows.map((r) => r.name);
    },

    async tableColumns(table: string): Promise<string[]> {
      return (await columnsOf(pool, table)).map((c) => c.name);
    },

    async readTables(tables, batchSize, onRows): Promise<void> {
      // One snapshot for the whole read: writers go on, the export sees none of their commits.
      const db = await pool.connect();
      try {
        await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        for (const table of tables) {
          const columns = await columnsOf(db, table.name);
          // Values as SQLite gives them, so that an export reads the same from either store:
          // bigint comes back as text (pg's default) and the ids and counts here fit a
          // number; booleans are 1 and 0.
          const numeric = columns.filter((c) => c.type === 'bigint').map((c) => c.name);
          const flags = columns.filter((c) => c.type === 'boolean').map((c) => c.name);
          const key = columnList(table.key);
          const marks = table.key.map((_, i) => `$${i + 1}`).join(', ');
          const select = `SELECT ${columnList(columns.map((c) => c.name))} FROM "${table.name}"`;
          for (let last: TableRow | undefined; ; ) {
            const { rows } = last
              ? await db.query<TableRow>(`${select} WHERE (${key}) > (${marks}) ORDER BY ${key} LIMIT $${table.key.length + 1}`, [
                  ...table.key.map((k) => last![k]),
                  batchSize,
                ])
              : await db.query<TableRow>(`${select} ORDER BY ${key} LIMIT $1`, [batchSize]);
            for (const row of rows) {
              for (const c of numeric) if (typeof row[c] === 'string') row[c] = Number(row[c]);
              for (const c of flags) if (typeof row[c] === 'boolean') row[c] = row[c] ? 1 : 0;
            }
            if (rows.length > 0) await onRows(table, rows);
            if (rows.length < batchSize) break;
            last = rows[rows.length - 1];
          }
        }
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        db.release();
      }
    },

    async writeRows(table: StoreTable, rows: readonly TableRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const columns = Object.keys(rows[0]!);
      const rest = columns.filter((c) => !table.key.includes(c));
      const q = (c: string) => `"${c}"`;
      const values = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      const conflict =
        rest.length === 0
          ? 'NOTHING'
          : `UPDATE SET ${rest.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}
             WHERE (${rest.map((c) => `"${table.name}".${q(c)}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `excluded.${q(c)}`).join(', ')})`;
      return transaction(pool, async (db) => {
        const { rowCount } = await db.query(
          `INSERT INTO "${table.name}" (${columnList(columns)}) VALUES ${values} ON CONFLICT (${columnList(table.key)}) DO ${conflict}`,
          rows.flatMap((row) => columns.map((c) => row[c] ?? null)),
        );
        // Ids given explicitly (runs): the sequence must go on past them.
        const serial = table.key.length === 1 && table.key[0] === 'id' && columns.includes('id');
        const seq = serial ? (await db.query<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [table.name])).rows[0]?.seq : null;
        if (seq) await db.query(`SELECT setval($1, greatest((SELECT coalesce(max(id), 0) FROM "${table.name}"), 1))`, [seq]);
        return rowCount ?? 0;
      });
    },
  };
}
