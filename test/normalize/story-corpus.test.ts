import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyBlocks } from '../../src/extract/html-blocks.js';
import { fragmentRoot } from '../../src/extract/html-fragment.js';
import { paragraphsToHtml } from '../../src/normalize/html-text.js';
import { skipUnavailable } from '../support/skip-unavailable.js';
import { comparable, listCases, OPTIONAL_FIELDS, REQUIRED_FIELDS, runCase, type Field } from './story-corpus.js';

const MIN_CASES = 40;
const cases = listCases();

describe('story corpus (test/fixtures/stories)', () => {
  const tally = new Map<Field, { right: number; total: number }>();

  for (const c of cases) {
    it(c.name, () => {
      const expected = JSON.parse(readFileSync(path.join(c.dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
      for (const f of REQUIRED_FIELDS) assert.ok(f in expected, `expected.json states "${f}"`);
      const story = runCase(c);
      const actual = comparable(story);
      const fields = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS].filter((f) => f in expected);
      for (const f of fields) {
        const t = tally.get(f) ?? { right: 0, total: 0 };
        t.total += 1;
        if (isDeepStrictEqual(actual[f], expected[f])) t.right += 1;
        tally.set(f, t);
      }
      const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, o[f]]));
      assert.deepEqual(pick(actual), pick(expected));
      // Plain inputs get <p> paragraphs; markup keeps its own, which must read as body.text does.
      if (/"html"\s*:/.test(readFileSync(path.join(c.dir, c.input), 'utf8'))) {
        assert.deepEqual(bodyBlocks(fragmentRoot(story.body.html)).map((b) => b.text), actual.paragraphs);
      } else assert.equal(story.body.html, paragraphsToHtml(actual.paragraphs as string[]));
      assert.ok(story.summary.length <= 300, 'summary is at most 300 characters');
    });
  }

  it(`has at least ${MIN_CASES} cases and 100% field-level accuracy`, function () {
    skipUnavailable(this, tally.size === 0 && 'no corpus case ran (filtered by --grep?)');
    const lines = [...tally].map(([f, t]) => `    ${f.padEnd(11)} ${t.right}/${t.total} ${((100 * t.right) / t.total).toFixed(1)}%`);
    console.log(`    field-level accuracy over ${cases.length} cases:\n${lines.join('\n')}`);
    assert.ok(cases.length >= MIN_CASES, `${cases.length} cases`);
    for (const [f, t] of tally) assert.equal(t.right, t.total, `${f}: ${t.right}/${t.total}`);
  });
});
