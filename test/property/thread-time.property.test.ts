// Property (fixed seed, bounded runs): no request of any shape holds a render or parse
// thread longer than its limit plus a timer's lateness. Generated ?filter= queries (any
// number of parameters, hostile repeats, alternations, classes, junk) over generated
// story texts go through the route's own validation, then to a render thread with the
// production budget; generated markup (deep nesting, long runs) goes to a parse thread.
// What is asserted is what the pool measures of each task's own running time (from the
// moment the task started to its end, or to its thread being stopped), and that every
// answer is a result or a clear refusal: never a crash, never a hang.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { FilterSpec } from '../../src/publish/feed-document.js';
import { parseFeedQuery } from '../../src/publish/feed-query.js';
import { queryFilter } from '../../src/publish/story-filter.js';
import { RENDER_LIMITS, threadRenderer, type FeedRenderer } from '../../src/server/feed-renderer.js';
import { threadParser, type Parser } from '../../src/sources/parser.js';
import type { TaskReport } from '../../src/threads/worker-pool.js';
import { makeStory } from '../support/make-story.js';
import { anyText, SEED } from './arbitraries.js';

/** The production filter budget per request (select-stories.ts). */
const BUDGET_MS = 200;
/** How late a timer may fire on a loaded two-core machine: a hang guard's margin, not a speed claim. */
const TIMER_SLACK_MS = 3_000;
/** A shorter parse limit than production's 20 s, so that the bound says something in a test's time. */
const PARSE_LIMIT_MS = 3_000;

// Pieces of patterns, from ordinary words to the shapes that keep every NFA thread alive.
const atom = fc.constantFrom('storm', 'a', 'b', ' ', 'é', '東', '.', '[\\s\\S]', '\\pL', '\\w', '\\s', '[0-9]', '[^x]', '\\b', '^', '$', '(?i)', '\\d');
/** Repeat counts: mostly small (they multiply when nested), sometimes at and past the limit. */
const count = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(99, 100, 101, 1000) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 1000 }) });
const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `(?:${a}|${b})`),
    fc.tuple(tie('p'), count).map(([a, n]) => `(?:${a}){${n}}`),
    fc.tuple(tie('p'), count, count).map(([a, n, m]) => `(?:${a}){${Math.min(n, m)},${Math.max(n, m)}}`),
    fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '*?')).map(([a, q]) => `(?:${a})${q}`),
  ),
})).p;
const hostile = fc.oneof({ weight: 6, arbitrary: pattern }, { weight: 1, arbitrary: anyText(40) }, { weight: 1, arbitrary: fc.constantFrom('[\\s\\S]{100}[0-9]', '(?:\\pL|\\s){100}(?:\\pL|\\s){90}[0-9]', '.{99}.{99}\\d', '(?:[\\s\\S]*a[\\s\\S]{16}|(?:\\pL|\\s){100}[0-9])') });
const filterKey = fc.constantFrom('filter', 'filterout', 'filter_title', 'filter_description', 'filter_author', 'filter_category', 'filterout_description', 'filterout_category');
const query = fc.record({
  filters: fc.oneof({ weight: 4, arbitrary: fc.array(fc.tuple(filterKey, hostile), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(fc.tuple(filterKey, hostile), { minLength: 1, maxLength: 14 }) }),
  caseSensitive: fc.boolean(),
});

// Story texts: long prose without digits (the worst case for "...[0-9]"), any Unicode, many categories.
const prose = 'the harbour authority said works on the northern pier went on through the week ';
const longText = fc.oneof(
  fc.integer({ min: 0, max: 40 * 1024 }).map((n) => prose.repeat(Math.ceil(n / prose.length)).slice(0, n)),
  fc.integer({ min: 0, max: 40 * 1024 }).map((n) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x430 + ((i * 31) % 32))).join('')),
  anyText(400),
);
const story = fc.record({ title: anyText(60), summary: longText, body: longText, categories: fc.array(longText, { maxLength: 30 }), byline: anyText(40) });

// Markup: nesting thousands deep, long text runs, unclosed tags.
const markup = fc
  .record({ depth: fc.integer({ min: 0, max: 4_000 }), tag: fc.constantFrom('div', 'section', 'span', 'p', 'table'), text: fc.integer({ min: 0, max: 300 }), close: fc.boolean() })
  .map(({ depth, tag, text, close }) => {
    const words = prose.repeat(Math.ceil(text / prose.length)).slice(0, text);
    return `<html><head><title>Deep</title></head><body>${`<${tag}>${words}`.repeat(depth)}<p>${prose}</p>${close ? `</${tag}>`.repeat(depth) : ''}</body></html>`;
  });

describe('property: no request holds a render or parse thread past its limit', function () {
  this.timeout(600_000);
  const reports: TaskReport[] = [];
  let renderer: FeedRenderer;
  let parser: Parser;
  before(() => {
    renderer = threadRenderer(1, silentLogger(), { onTask: (r) => reports.push(r) });
    parser = threadParser(1, silentLogger(), { limitMs: PARSE_LIMIT_MS, onTask: (r) => reports.push(r) });
  });
  after(async () => {
    await renderer?.close();
    await parser?.close();
  });

  it('?filter= queries over story texts: a page, a 400/422 before any thread work, or FILTER_TOO_SLOW within the budget', async () => {
    reports.length = 0;
    let refused = 0;
    let tooSlow = 0;
    await fc.assert(
      fc.asyncProperty(query, fc.array(story, { minLength: 1, maxLength: 3 }), async (q, stories) => {
        const params = new URLSearchParams(q.filters);
        if (!q.caseSensitive) params.append('filter_case_sensitive', 'false');
        let filter: FilterSpec;
        try {
          // What the route does on the event loop before any read (feed-routes.ts).
          const parsed = parseFeedQuery(params, 500);
          queryFilter(parsed);
          filter = { config: {}, query: parsed };
        } catch (err) {
          assert.ok(err instanceof AppError && (err.status === 400 || err.status === 422), `refused with ${String(err)}`);
          refused += 1;
          return;
        }
        const rows = stories.map((s, i) => {
          const made = makeStory({ key: `s${i}`, ...s, body: { text: s.body, html: '' } });
          return { json: JSON.stringify(made), firstSeen: made.published!, lastChanged: made.published! };
        });
        try {
          const { keep } = await renderer.match({ rows, filter, want: rows.length, budgetMs: BUDGET_MS });
          assert.equal(keep.length, rows.length);
        } catch (err) {
          assert.ok(err instanceof AppError && err.code === 'FILTER_TOO_SLOW', `failed with ${String(err)}`);
          tooSlow += 1;
        }
      }),
      { seed: SEED, numRuns: 80, endOnFailure: true },
    );
    const matches = reports.filter((r) => r.task === 'match');
    assert.ok(matches.length > 10 && refused > 10, `${matches.length} matched, ${refused} refused: both kinds were generated`);
    for (const r of matches) {
      assert.equal(r.limitMs, BUDGET_MS + RENDER_LIMITS.matchMarginMs);
      assert.ok(r.ranMs <= r.limitMs + TIMER_SLACK_MS, `a match task held its thread ${r.ranMs.toFixed(0)} ms (limit ${r.limitMs} ms)`);
    }
    const longest = Math.max(...matches.map((r) => r.ranMs));
    console.log(`      ${matches.length} match tasks (${tooSlow} past the budget, ${matches.filter((r) => r.timedOut).length} stopped by the limit), ${refused} refused; longest ${longest.toFixed(0)} ms`);
  });

  it('markup on a parse thread: a story or a clear failure, within the parse limit', async () => {
    reports.length = 0;
    await fc.assert(
      fc.asyncProperty(markup, async (html) => {
        try {
          await parser.story({ input: { kind: 'page', html, url: 'https://news.example.com/deep' }, ctx: { sourceId: 'site', key: 'https://news.example.com/deep' } });
        } catch (err) {
          assert.ok(err instanceof AppError, `failed with ${String(err)}`);
        }
      }),
      { seed: SEED, numRuns: 20, endOnFailure: true },
    );
    assert.equal(reports.length, 20);
    for (const r of reports) assert.ok(r.ranMs <= PARSE_LIMIT_MS + TIMER_SLACK_MS, `a parse task held its thread ${r.ranMs.toFixed(0)} ms`);
  });
});
