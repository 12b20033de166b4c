// The story corpus: one folder per case under test/fixtures/stories/, holding
// input.txt | input.xml | input.json, expected.json and optionally context.json
// ({ "rules": {...}, "timezone": "Asia/Tokyo" }). Shared by the test and the recorder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NormalizeRules } from '../../src/config/schema.js';
import { parseStoryFile } from '../../src/normalize/parse-story-file.js';
import type { StoryContext } from '../../src/normalize/story-context.js';
import type { Story } from '../../src/story.js';
import { fixtureCases } from '../support/fixture-cases.js';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/stories/', import.meta.url));
const INPUTS = ['input.txt', 'input.xml', 'input.json'];

/** Fields every expected.json states; the rest are compared when present. */
export const REQUIRED_FIELDS = ['title', 'dateline', 'byline', 'credits', 'images', 'paragraphs', 'published', 'updated'] as const;
export const OPTIONAL_FIELDS = ['summary', 'categories', 'language', 'url'] as const;
export type Field = (typeof REQUIRED_FIELDS)[number] | (typeof OPTIONAL_FIELDS)[number];

export interface CorpusCase {
  name: string;
  dir: string;
  input: string;
}

export function listCases(): CorpusCase[] {
  return fixtureCases(CORPUS_DIR).map((c) => {
    const input = c.first(INPUTS);
    if (!input) throw new Error(`${c.name}: no input.txt, input.xml or input.json`);
    return { name: c.name, dir: c.dir, input };
  });
}

interface CaseContext {
  rules?: Partial<NormalizeRules>;
  timezone?: string;
}

/** The options a case's input is parsed with (its context.json). */
export function caseOptions(c: CorpusCase): StoryContext {
  const ctxFile = path.join(c.dir, 'context.json');
  const ctx = existsSync(ctxFile) ? (JSON.parse(readFileSync(ctxFile, 'utf8')) as CaseContext) : {};
  return { sourceId: 'corpus', rules: ctx.rules, timezone: ctx.timezone };
}

export function runCase(c: CorpusCase): Story {
  return parseStoryFile(readFileSync(path.join(c.dir, c.input), 'utf8'), c.input, caseOptions(c));
}

/** The Story as the corpus compares it: body as a paragraph list, easy to write and to diff. */
export function comparable(story: Story): Record<Field, unknown> {
  return {
    title: story.title,
    dateline: story.dateline,
    byline: story.byline,
    credits: story.credits,
    images: story.images,
    paragraphs: story.body.text.split('\n\n'),
    published: story.published,
    updated: story.updated,
    summary: story.summary,
    categories: story.categories,
    language: story.language,
    url: story.url,
  };
}
