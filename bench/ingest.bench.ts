// Files source ingest: 1500 story files (the normalize corpus, each made a distinct story)
// into SQLite, one run after another over the same folder:
//   cold         every file read, parsed and stored
//   re-parse     nothing changed, marks dropped: every file read and parsed again, every
//                story unchanged (what every run over an unchanged folder cost before marks)
//   fresh stats  nothing changed, but the files were written < 3 s before they were read:
//                their stats are too fresh to trust, so each is read and hashed, not parsed
//   unchanged    nothing changed, stats trusted: one stat per file, nothing read
//   10 changed   10 files rewritten, the rest unchanged
// Each is reported as a ratio to the cold run of the same round (3 rounds, medians).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config/load-config.js';
import { createHttpClient } from '../src/fetch/http-client.js';
import { silentLogger } from '../src/log.js';
import { runSource, type RunOutcome } from '../src/schedule/run-source.js';
import { defaultParseThreads, inlineParser, threadParser, type Parser } from '../src/sources/parser.js';
import { STAT_TRUST_MARGIN_MS } from '../src/sources/story-file-check.js';
import { SqliteStore } from '../src/store/sqlite.js';

const FILES = 1500;
const CHANGED = 10;
const ROUNDS = 3;
const corpusDir = new URL('../test/fixtures/stories/', import.meta.url);

/** The corpus's text inputs, each file a distinct story (numbered title and lead). */
function corpus(): string[] {
  return readdirSync(corpusDir)
    .map((c) => {
      try {
        return readFileSync(new URL(`${c}/input.txt`, corpusDir), 'utf8');
      } catch {
        return null; // NITF and JSON cases: .txt is enough for a rate
      }
    })
    .filter((t): t is string => t !== null);
}

const fileText = (texts: string[], i: number, edit = '') => {
  const text = texts[i % texts.length]!;
  const nl = text.indexOf('\n');
  return `${text.slice(0, nl)} (${i}${edit})${text.slice(nl)}`;
};

interface Round {
  cold: number;
  reparse: number;
  fresh: number;
  unchanged: number;
  changed: number;
}

async function round(texts: string[], parser: Parser): Promise<Round> {
  const root = mkdtempSync(path.join(tmpdir(), 'wirefeed-ingest-bench-'));
  const store = new SqliteStore(path.join(root, 'wirefeed.db'));
  const http = createHttpClient({}, { clock: systemClock, log: silentLogger() });
  try {
    await store.migrate();
    const stories = path.join(root, 'stories');
    const sourcesDir = path.join(root, 'config', 'sources');
    mkdirSync(sourcesDir, { recursive: true });
    mkdirSync(stories);
    writeFileSync(path.join(sourcesDir, 'inbox.yaml'), `id: inbox\ntype: files\npath: ${stories}\n`);
    const config = loadConfig(path.join(root, 'config'), { env: {} });
    const source = config.sources[0]!;
    const deps = { global: config.global, log: silentLogger(), clock: systemClock, store, http, parser };
    const file = (i: number) => path.join(stories, `wire-${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < FILES; i++) writeFileSync(file(i), fileText(texts, i));
    const written = Date.now();

    const timed = async (expect: Partial<RunOutcome>): Promise<number> => {
      const t0 = process.hrtime.bigint();
      const outcome = await runSource(source, deps);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      for (const [k, v] of Object.entries(expect)) {
        if (outcome[k as keyof RunOutcome] !== v) throw new Error(`run ${k}: ${String(outcome[k as keyof RunOutcome])}, expected ${v}`);
      }
      return ms;
    };
    const cold = await timed({ new: FILES, failed: 0 });
    const fresh = await timed({ unchanged: FILES });
    await store.forgetStoryFiles(source.id, readdirSync(stories));
    const reparse = await timed({ unchanged: FILES });
    // Once the files are older than the margin, one more run trusts their stats.
    await new Promise((r) => setTimeout(r, Math.max(0, written + STAT_TRUST_MARGIN_MS + 100 - Date.now())));
    await timed({ unchanged: FILES });
    const unchanged = await timed({ unchanged: FILES });
    for (let i = 0; i < CHANGED; i++) writeFileSync(file(i * 149), fileText(texts, i * 149, ' edited'));
    const changed = await timed({ updated: CHANGED, unchanged: FILES - CHANGED });
    return { cold, reparse, fresh, unchanged, changed };
  } finally {
    await http.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Each round twice: parsing on the calling thread (`parse.threads: 0`, the baseline) and on
 * the parse threads as the app runs by default, where parsing ahead overlaps storing.
 */
export async function run(): Promise<void> {
  const texts = corpus();
  const threads = threadParser(defaultParseThreads(), silentLogger());
  try {
    await threads.story({ input: { kind: 'file', content: texts[0]!, filename: 'warm.txt' }, ctx: { sourceId: 'warm' } }); // thread started
    for (const [label, parser] of [['inline (parse.threads: 0)', inlineParser()], [`${defaultParseThreads()} parse thread(s), the default`, threads]] as const) {
      console.log(`-- ${label}`);
      await report(texts, parser);
    }
  } finally {
    await threads.close();
  }
}

async function report(texts: string[], parser: Parser): Promise<void> {
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(texts, parser));
  const m = (k: keyof Round) => median(rounds.map((r) => r[k]));
  const cold = m('cold');
  const line = (label: string, k: keyof Round) => {
    const ms = m(k);
    const ratio = k === 'cold' ? '' : `  = ${(ms / cold).toFixed(3)}x the cold run (${(cold / ms).toFixed(0)}x faster)`;
    console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${ratio}`);
  };
  console.log(`${FILES} story files, SQLite file store; medians of ${ROUNDS} rounds (per round: ${rounds.map((r) => r.cold.toFixed(0)).join(', ')} ms cold)`);
  line('cold: every file parsed and stored', 'cold');
  line('nothing changed, no marks: all parsed again', 'reparse');
  line('nothing changed, stats too fresh: read+hash', 'fresh');
  line('nothing changed, stats trusted: stat only', 'unchanged');
  line(`${CHANGED} files changed`, 'changed');
  const reparse = m('reparse');
  console.log(`nothing changed: stat only is ${(reparse / m('unchanged')).toFixed(0)}x faster than parsing all again (the cost of every run before)`);
  console.log(`cold ingest throughput: ${Math.round(FILES / (cold / 1000))} stories/s`);
}
