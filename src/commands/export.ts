// wirefeed export [--no-runs] [FILE]: the whole store as NDJSON, to FILE or stdout. One
// snapshot, read in key order a batch at a time, written as the stream takes it: memory
// stays bounded whatever the store's size. Format (one JSON value per line):
//   {"wirefeed":"export","format":1,"tables":[...],"exportedAt":"..."}
//   {"table":"stories","row":{...column: value...}}   one per row, table by table
//   {"end":{"stories":1234,...}}                      rows per table: import checks it
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { STORE_TABLES } from '../store/store.js';
import { openConfiguredStore } from './open-configured-store.js';
import { progressLine } from './progress-line.js';

export const EXPORT_FORMAT = 1;
const BATCH = 500;

export async function exportCommand(args: string[]): Promise<number> {
  const withRuns = !args.includes('--no-runs');
  const file = args.find((a) => !a.startsWith('--'));
  const { store } = await openConfiguredStore();
  const out = file ? createWriteStream(file) : process.stdout;
  const progress = progressLine(process.stderr);
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  try {
    const present = new Set(await store.tableNames());
    // Tables a newer release adds are absent from a store not migrated yet: left out, not empty.
    const tables = STORE_TABLES.filter((t) => present.has(t.name) && (withRuns || !t.optional));
    const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
    await write({ wirefeed: 'export', format: EXPORT_FORMAT, tables: tables.map((t) => t.name), exportedAt: new Date().toISOString() });
    await store.readTables(tables, BATCH, async (table, rows) => {
      for (const row of rows) await write({ table: table.name, row });
      counts[table.name]! += rows.length;
      progress.update(`export: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(' · ')}`);
    });
    await write({ end: counts });
    progress.done();
    if (file) {
      out.end();
      await once(out, 'finish');
    }
    process.stderr.write(`export: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
