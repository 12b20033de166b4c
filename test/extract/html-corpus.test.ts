// Accuracy on the Readability corpus (../shared/corpus/readability-pages, 130 real pages).
// Goals (issue 5): title >= 95 % exact, byline >= 80 %, date >= 90 % of the pages that have
// one, mean body-text token F1 >= 0.92 against expected.html.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { extractStory } from '../../src/extract/extract-story.js';
import {
  CORPUS_DIR,
  CORPUS_URL,
  corpusAvailable,
  loadCorpus,
  sameByline,
  sameDate,
  sameTitle,
  summarize,
  tokenF1,
  type CorpusResult,
  type CorpusSummary,
} from './corpus-score.js';
import { suiteUnavailable } from '../support/skip-unavailable.js';

/** A page the pipeline rejects (no title, no body) scores as an empty story: wrong title, F1 0. */
function score(name: string, html: string, expected: { title: string | null; byline: string | null; publishedTime: string | null }, text: string): CorpusResult & { rejected: boolean } {
  let story: { title: string; byline: string | null; published: string | null; body: { text: string } } | null = null;
  try {
    story = extractStory(html, { url: CORPUS_URL });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'EXTRACT_EMPTY')) throw err;
  }
  return {
    name,
    rejected: story === null,
    title: story !== null && sameTitle(story.title, expected.title),
    byline: expected.byline ? sameByline(story?.byline ?? null, expected.byline) : null,
    date: expected.publishedTime ? sameDate(story?.published ?? null, expected.publishedTime) : null,
    f1: tokenF1(story?.body.text ?? '', text),
  };
}

describe('extractStory on the Readability corpus', function () {
  if (suiteUnavailable(!corpusAvailable() && `corpus not found at ${CORPUS_DIR} (set WIREFEED_CORPUS): accuracy not measured`)) return;

  let results: (CorpusResult & { rejected: boolean })[] = [];
  let summary: CorpusSummary;
  before(function () {
    this.timeout(120_000);
    results = loadCorpus().map((p) => score(p.name, p.html, p.expected, p.expectedText));
    summary = summarize(results);
    const rejected = results.filter((r) => r.rejected).map((r) => r.name);
    console.log(
      `      ${summary.pages} pages: title ${summary.titlePct.toFixed(1)} % exact, byline ${summary.bylinePct.toFixed(1)} % ` +
        `(of ${summary.bylinePages}), date ${summary.datePct.toFixed(1)} % (of ${summary.datePages}), mean body F1 ${summary.meanF1.toFixed(3)}; ` +
        `rejected (no title or body): ${rejected.join(', ') || 'none'}`,
    );
  });

  it('reads every page without crashing', () => {
    assert.equal(results.length, summary.pages);
    assert.ok(summary.pages >= 100, `${summary.pages} pages found`);
  });
  it('title >= 95 % exact', () => assert.ok(summary.titlePct >= 95, `${summary.titlePct.toFixed(1)} %`));
  it('byline >= 80 % of the pages that have one', () => assert.ok(summary.bylinePct >= 80, `${summary.bylinePct.toFixed(1)} %`));
  it('published date >= 90 % of the pages that have one', () => assert.ok(summary.datePct >= 90, `${summary.datePct.toFixed(1)} %`));
  it('mean body-text token F1 >= 0.92', () => assert.ok(summary.meanF1 >= 0.92, summary.meanF1.toFixed(3)));
});
