// The ?filter= guards that live with the patterns: repeat counts read conservatively, and
// the request's deadline checked before every search, so that one story with many fields
// (or a query with many patterns) cannot run past its budget by more than one search.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { matchRows, type FilterSpec } from '../../src/publish/feed-document.js';
import { largestRepeat, queryFilter } from '../../src/publish/story-filter.js';
import { makeStory } from '../support/make-story.js';

describe('story filter guards', () => {
  it('reads the largest repeat count of a pattern, conservatively', () => {
    assert.equal(largestRepeat('report|bridge'), 0);
    assert.equal(largestRepeat('a{3}b{2,7}c{9,}'), 9);
    assert.equal(largestRepeat('(?:x{10}){1000}'), 1000);
    assert.equal(largestRepeat('\\{500}'), 500, 'an escaped brace counts too: refusing it costs nothing');
    const err = (() => {
      try {
        queryFilter({ include: [{ fields: ['title'], pattern: 'x{101}' }], exclude: [], caseSensitive: true });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof AppError && err.code === 'FILTER_TOO_COMPLEX' && err.status === 422);
  });

  it('stops inside one story when the budget is spent, not only between stories', function () {
    this.timeout(60_000);
    // One story whose 1500 categories of 16 KB each cost a search apiece: a second and more
    // of work in all, against a 100 ms budget.
    const text = 'the harbour authority said works on the northern pier went on '.repeat(260);
    const story = makeStory({ categories: Array.from({ length: 1500 }, (_, i) => `${i} ${text}`) });
    const row = { json: JSON.stringify(story), firstSeen: story.published!, lastChanged: story.published! };
    const patterns = ['[\\s\\S]{90}[0-9]{3}q', '(?:\\pL|\\s){90}[0-9]q', '(?:.*a.{10}){5}\\dq'];
    const filter: FilterSpec = { config: {}, query: { include: patterns.map((pattern) => ({ fields: ['category'], pattern })), exclude: [], caseSensitive: false } };
    const task = { rows: [row], filter, want: 1 };
    // Compiled and warm first: the budget below is all search.
    matchRows({ ...task, rows: [{ ...row, json: JSON.stringify(makeStory({ categories: ['x'] })) }], budgetMs: 10_000 });
    assert.throws(() => matchRows({ ...task, budgetMs: 100 }), (e: unknown) => e instanceof AppError && e.code === 'FILTER_TOO_SLOW');
  });
});
