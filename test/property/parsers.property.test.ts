// Property tests (fixed seed, bounded runs): parseTextStory and extractStory take any
// Unicode and either give a Story whose HTML is safe or fail with an AppError, never crash.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.js';
import { extractStory } from '../../src/normalize/extract-story.js';
import { parseTextStory } from '../../src/normalize/parse-text-story.js';
import type { Story } from '../../src/story.js';
import { HOSTILE_SNIPPETS } from './hostile-snippets.js';
import { unsafeParts } from '../hardening/unsafe-html.js';
import { anyText, SEED, wordyText } from './arbitraries.js';

function storyOrAppError(make: () => Story): Story | null {
  try {
    return make();
  } catch (err) {
    assert.ok(err instanceof AppError, `threw a non-AppError: ${String(err)}`);
    return null;
  }
}

function assertSound(story: Story | null): void {
  if (!story) return;
  assert.ok(story.title.trim().length > 0);
  assert.deepEqual(unsafeParts(story.body.html), []);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(story)));
}

describe('property: parsers take any input', () => {
  it('parseTextStory: a Story with safe HTML, or an AppError', () => {
    const wire = fc.tuple(wordyText(40), fc.array(wordyText(120), { maxLength: 6 })).map(([title, paras]) => [title, ...paras].join('\n\n'));
    fc.assert(
      fc.property(fc.oneof(anyText(200), wire), (text) => assertSound(storyOrAppError(() => parseTextStory(text, { sourceId: 'p', filename: 'p.txt' })))),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('extractStory: a Story with safe HTML, or an AppError, from any mix of markup, hostile snippets and text', () => {
    const page = fc
      .tuple(wordyText(40), fc.array(fc.oneof(wordyText(120).map((t) => `<p>${t}</p>`), fc.constantFrom(...HOSTILE_SNIPPETS), anyText(40)), { maxLength: 10 }))
      .map(([title, parts]) => `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${parts.join('\n')}</article></body></html>`);
    fc.assert(
      fc.property(fc.oneof(anyText(300), page), (html) => assertSound(storyOrAppError(() => extractStory(html, { url: 'https://news.example.com/a' })))),
      { seed: SEED, numRuns: 150 },
    );
  });
});
