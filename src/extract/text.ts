import type { RawStory } from '../story.js';

const BLANK_LINE = /\n[ \t]*\n/;
const LINE_BREAKS = /\r\n?/g;
const SPACES = /[ \t\f\v\u00a0]+/g;

/**
 * Splits a plain-text wire story into its title (first line) and blocks (paragraphs
 * separated by blank lines). Line breaks inside a block are kept, as "\n", because
 * they carry meaning ("By MARTA KOVAC" over "Staff Writer"); datelines, credits and
 * captions are the normalizer's job.
 */
export function extractText(text: string): RawStory {
  const clean = text.replace(/^\uFEFF/, '').replace(LINE_BREAKS, '\n');
  const lines = clean.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { title: null, paragraphs: [] };
  const title = (lines[first] ?? '').replace(SPACES, ' ').trim();
  const rest = lines.slice(first + 1).join('\n');
  const blocks = rest.split(BLANK_LINE).map(tidyBlock).filter(Boolean);
  return { title, paragraphs: blocks };
}

function tidyBlock(block: string): string {
  return block
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
