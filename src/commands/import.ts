// wirefeed import [FILE]: an export (FILE or stdin) into the configured store, migrated
// first. Rows are written by key, a batch per transaction, and only where they differ: a
// second import changes nothing, and an import cut short (killed, a dropped connection) is
// finished by running it again on the same export. Memory stays bounded: one batch per
// table at a time. `wirefeed export | DATABASE_URL=postgres://... wirefeed import` moves an
// install from SQLite to PostgreSQL.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../errors.js';
import { STORE_TABLES, type StoreTable, type TableRow } from '../store/store.js';
import { EXPORT_FORMAT } from './export.js';
import { openConfiguredStore } from './open-configured-store.js';
import { progressLine } from './progress-line.js';

const BATCH = 500;

type Line = { wirefeed: string; format: number; tables: string[] } | { table: string; row: TableRow } | { end: Record<string, number> };

export async function importCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  const { store } = await openConfiguredStore();
  const progress = progressLine(process.stderr);
  try {
    await store.migrate();
    const input = file ? createReadStream(file) : process.stdin;
    const lines = createInterface({ input, crlfDelay: Infinity });
    const tables = new Map(STORE_TABLES.map((t) => [t.name, t]));
    const columns = new Map<string, Set<string>>();
    const read: Record<string, number> = {};
    let written = 0;
    let pending: { table: StoreTable; rows: TableRow[] } | null = null;
    let end: Record<string, number> | null = null;
    let header = false;
    let lineNo = 0;
    const flush = async () => {
      if (!pending) return;
      written += await store.writeRows(pending.table, pending.rows);
      pending = null;
      const total = Object.values(read).reduce((a, b) => a + b, 0);
      progress.update(`import: ${total} rows read, ${written} written`);
    };
    for await (const text of lines) {
      lineNo += 1;
      if (text.trim() === '') continue;
      const line = parseLine(text, lineNo);
      if ('wirefeed' in line) {
        if (line.wirefeed !== 'export' || line.format !== EXPORT_FORMAT) throw bad(lineNo, `not a wirefeed export of format ${EXPORT_FORMAT}`);
        header = true;
        continue;
      }
      if (!header) throw bad(lineNo, 'not a wirefeed export (no header line)');
      if ('end' in line) {
        end = line.end;
        continue;
      }
      const table = tables.get(line.table);
      if (!table) throw bad(lineNo, `unknown table "${line.table}" (an export of a newer wirefeed?)`);
      let known = columns.get(table.name);
      if (!known) {
        known = new Set(await store.tableColumns(table.name));
        columns.set(table.name, known);
      }
      const unknown = Object.keys(line.row).filter((c) => !known.has(c));
      if (unknown.length) throw bad(lineNo, `${table.name} has no column ${unknown.join(', ')} here (an export of a newer wirefeed?)`);
      // A batch holds one table and one set of columns: one prepared shape per batch.
      if (pending && (pending.table !== table || pending.rows.length >= BATCH || !sameKeys(pending.rows[0]!, line.row))) await flush();
      pending ??= { table, rows: [] };
      pending.rows.push(line.row);
      read[table.name] = (read[table.name] ?? 0) + 1;
    }
    await flush();
    progress.done();
    if (!end) throw new AppError('INPUT_INVALID', `the export ends early (no end line): ${written} rows written so far; import the whole export again to finish`);
    const short = Object.entries(end).filter(([t, n]) => (read[t] ?? 0) !== n);
    if (short.length) throw new AppError('INPUT_INVALID', `rows read differ from the export's count: ${short.map(([t, n]) => `${t} ${read[t] ?? 0} of ${n}`).join(', ')}`);
    const total = Object.values(read).reduce((a, b) => a + b, 0);
    process.stderr.write(`import: ${total} rows (${Object.entries(read).map(([t, n]) => `${n} ${t}`).join(', ')}); ${written} written, ${total - written} already there\n`);
    return 0;
  } finally {
    progress.done();
    await store.close();
  }
}

function parseLine(text: string, lineNo: number): Line {
  try {
    return JSON.parse(text) as Line;
  } catch {
    throw bad(lineNo, 'not JSON (a cut export?)');
  }
}

function sameKeys(a: TableRow, b: TableRow): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function bad(lineNo: number, message: string): AppError {
  return new AppError('INPUT_INVALID', `line ${lineNo}: ${message}`);
}
