// Scoring extraction against the Readability corpus (../shared/corpus/readability-pages):
// shared by the accuracy test and the extraction benchmark.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { bodyParagraphs } from '../../src/extract/html-blocks.js';
import { parsePageDate } from '../../src/extract/html-date.js';
import { Element } from 'domhandler';
import { fixtureCases } from '../support/fixture-cases.js';

/** `WIREFEED_CORPUS`, else `shared/corpus/readability-pages` beside the checkout or a folder above it (worktrees). */
export const CORPUS_DIR = process.env.WIREFEED_CORPUS ?? findCorpus(process.cwd());

function findCorpus(from: string): string {
  const fallback = path.resolve(from, '../shared/corpus/readability-pages');
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared/corpus/readability-pages');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return fallback;
  }
}
/** The newspaper corpus (117 pages, 68 sites: `source.html`, `url.txt`, `expected.txt`) beside the first one. */
export const NEWSPAPER_DIR = process.env.WIREFEED_NEWSPAPER_CORPUS ?? path.join(path.dirname(CORPUS_DIR), 'newspaper-pages');

/**
 * About 30 % of each corpus is held out: tuned rules are judged on pages nobody read while
 * tuning them. The split is a hash of the folder name, so it never depends on order or on
 * which pages are added later.
 */
export function heldOut(name: string): boolean {
  return createHash('sha1').update(name).digest()[0]! % 10 < 3;
}

/** Readability's tests serve every page from this URL. */
export const CORPUS_URL = 'http://fakehost/test/page.html';

export interface CorpusPage {
  name: string;
  html: string;
  expected: { title: string | null; byline: string | null; publishedTime: string | null };
  expectedText: string;
}

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Every case folder, found by a loop: adding a page is adding a folder. */
export function loadCorpus(dir = CORPUS_DIR): CorpusPage[] {
  return fixtureCases(dir, 'source.html').map(({ name, read, json }) => {
    const expectedDoc = parseDocument(read('expected.html'));
    return {
      name,
      html: read('source.html').trim(),
      expected: json<CorpusPage['expected']>('expected-metadata.json'),
      expectedText: bodyParagraphs(new Element('div', {}, expectedDoc.children)).join('\n'),
    };
  });
}

export interface NewspaperPage {
  name: string;
  html: string;
  url: string;
  expectedText: string;
}

export function newspaperAvailable(): boolean {
  return existsSync(NEWSPAPER_DIR);
}

/** Pages of the newspaper corpus; its expected text is plain paragraphs, no title. */
export function loadNewspaperCorpus(dir = NEWSPAPER_DIR): NewspaperPage[] {
  return fixtureCases(dir, 'expected.txt').map(({ name, read }) => ({ name, html: read('source.html'), url: read('url.txt').trim(), expectedText: read('expected.txt') }));
}

export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Bag-of-tokens F1 between extracted and expected body text. */
export function tokenF1(got: string, want: string): number {
  const a = tokens(got);
  const b = tokens(want);
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(t, n - 1);
    }
  }
  const precision = common / a.length;
  const recall = common / b.length;
  return common === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function sameTitle(got: string | null, want: string | null): boolean {
  return squash(got) === squash(want);
}

/** Bylines compare without a leading "By" and case, which is how they differ in print. */
export function sameByline(got: string | null, want: string | null): boolean {
  const norm = (s: string | null) => squash(s).replace(/^by\s+/i, '').toLowerCase();
  return norm(got) === norm(want);
}

/** Dates compare as instants. */
export function sameDate(got: string | null, want: string | null): boolean {
  return parsePageDate(got) !== null && parsePageDate(got) === parsePageDate(want);
}

export interface CorpusResult {
  name: string;
  title: boolean;
  byline: boolean | null;
  date: boolean | null;
  f1: number;
}

export interface CorpusSummary {
  pages: number;
  titlePct: number;
  bylinePct: number;
  bylinePages: number;
  datePct: number;
  datePages: number;
  meanF1: number;
}

export function summarize(results: readonly CorpusResult[]): CorpusSummary {
  const pct = (xs: (boolean | null)[]) => {
    const judged = xs.filter((x): x is boolean => x !== null);
    return { pct: judged.length ? (100 * judged.filter(Boolean).length) / judged.length : 100, n: judged.length };
  };
  const byline = pct(results.map((r) => r.byline));
  const date = pct(results.map((r) => r.date));
  return {
    pages: results.length,
    titlePct: pct(results.map((r) => r.title)).pct,
    bylinePct: byline.pct,
    bylinePages: byline.n,
    datePct: date.pct,
    datePages: date.n,
    meanF1: results.reduce((s, r) => s + r.f1, 0) / Math.max(1, results.length),
  };
}
