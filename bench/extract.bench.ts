// Extraction speed: extractStory (htmlparser2 + our scoring) against @mozilla/readability on
// jsdom, over the same pages in the same run (goal: >= 8x faster at equal or better quality).
// Pages: the Readability corpus (130), the newspaper corpus (117) and
// ../shared/perf-fixtures/news-pages (5 big real pages).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractStory } from '../src/normalize/extract-story.js';
import { CORPUS_DIR, CORPUS_URL, NEWSPAPER_DIR, corpusAvailable, loadCorpus, loadNewspaperCorpus, newspaperAvailable, sameTitle, tokenF1 } from '../test/extract/corpus-score.js';

interface Page {
  name: string;
  html: string;
  /** Where the page was served from (the Readability corpus: one fake host for all). */
  url?: string;
  expectedText?: string;
  expectedTitle?: string | null;
}

interface Extracted {
  title: string | null;
  text: string;
}

function ours(html: string, url = CORPUS_URL): Extracted {
  try {
    const s = extractStory(html, { url });
    return { title: s.title, text: s.body.text };
  } catch {
    return { title: null, text: '' };
  }
}

const quiet = new VirtualConsole();
let jsdomFailures = 0;
function readability(html: string, url = CORPUS_URL): Extracted {
  let dom: JSDOM | null = null;
  try {
    dom = new JSDOM(html, { url, virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    return { title: article?.title ?? null, text: article?.textContent ?? '' };
  } catch {
    // jsdom's CSS parser throws on a few real pages; the page counts as extracted nothing.
    jsdomFailures += 1;
    return { title: null, text: '' };
  } finally {
    dom?.window.close();
  }
}

function perfPages(): Page[] {
  const dir = path.resolve(path.dirname(CORPUS_DIR), '../perf-fixtures/news-pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ name: f, html: readFileSync(path.join(dir, f), 'utf8') }));
}

function time(pages: readonly Page[], rounds: number, extract: (html: string, url?: string) => Extracted): { perSec: number; results: Extracted[] } {
  let results: Extracted[] = [];
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) results = pages.map((p) => extract(p.html, p.url));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { perSec: (pages.length * rounds) / secs, results };
}

function quality(pages: readonly Page[], results: readonly Extracted[]): { f1: number; title: number } {
  const judged = pages.map((p, i) => ({ p, r: results[i]! })).filter(({ p }) => p.expectedText !== undefined);
  const f1 = judged.reduce((s, { p, r }) => s + tokenF1(r.text, p.expectedText!), 0) / judged.length;
  const titled = judged.filter(({ p }) => p.expectedTitle).length;
  const title = titled ? judged.filter(({ p, r }) => p.expectedTitle && sameTitle(r.title, p.expectedTitle)).length / titled : NaN;
  return { f1, title: 100 * title };
}

function report(label: string, pages: readonly Page[], rounds: number): void {
  if (pages.length === 0) return;
  const kb = pages.reduce((s, p) => s + p.html.length, 0) / pages.length / 1024;
  for (const p of pages.slice(0, 3)) (ours(p.html, p.url), readability(p.html, p.url)); // warm-up
  const a = time(pages, rounds, ours);
  const b = time(pages, rounds, readability);
  console.log(`${label}: ${pages.length} pages, mean ${kb.toFixed(0)} KB`);
  console.log(`  extractStory       ${a.perSec.toFixed(1).padStart(7)} pages/s`);
  console.log(`  Readability+jsdom  ${b.perSec.toFixed(1).padStart(7)} pages/s`);
  console.log(`  ratio              ${(a.perSec / b.perSec).toFixed(1).padStart(7)}x (goal >= 8x)`);
  if (jsdomFailures) console.log(`  (jsdom threw on ${jsdomFailures} page parses)`);
  jsdomFailures = 0;
  if (pages.some((p) => p.expectedText !== undefined)) {
    const qa = quality(pages, a.results);
    const qb = quality(pages, b.results);
    const title = (q: { title: number }) => (Number.isNaN(q.title) ? '' : `, title ${q.title.toFixed(1)} %`);
    console.log(`  quality vs expected text: extractStory F1 ${qa.f1.toFixed(3)}${title(qa)}; Readability F1 ${qb.f1.toFixed(3)}${title(qb)}`);
    if (pages.some((p) => p.expectedTitle !== undefined)) console.log('  (expected.html is Readability\'s own output, so Readability scores near 1 by construction)');
  }
}

export async function run(): Promise<void> {
  if (corpusAvailable()) {
    const corpus = loadCorpus().map((p) => ({ name: p.name, html: p.html, expectedText: p.expectedText, expectedTitle: p.expected.title }));
    report('readability corpus', corpus, 1);
  } else {
    console.log(`readability corpus not found at ${CORPUS_DIR}: skipped`);
  }
  if (newspaperAvailable()) {
    const pages = loadNewspaperCorpus().map((p) => ({ name: p.name, html: p.html, url: p.url, expectedText: p.expectedText }));
    report('newspaper corpus', pages, 1);
  } else {
    console.log(`newspaper corpus not found at ${NEWSPAPER_DIR}: skipped`);
  }
  const perf = perfPages();
  if (perf.length) report('perf-fixtures/news-pages', perf, 2);
  else console.log('perf-fixtures/news-pages not found: skipped');
}
