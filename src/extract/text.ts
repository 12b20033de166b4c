import type { RawStory } from '../story.js';

const BOM = /^\uFEFF/;
const LINE_BREAKS = /\r\n?/g;
const BLANK_LINE = /\n[ \t]*\n/;
const SPACES = /[ \t\f\v\u00a0]+/g;
/** A block needs tidying only when it has runs of spaces, tabs or padded lines; most do not. */
const UNTIDY = /[ \t\f\v\u00a0]{2}|[\t\f\v\u00a0]|[ \t]\n|\n[ \t]|\n\n/;
const EDGE_SPACE = /\s/;

/**
 * Splits a plain-text wire story into its title (first line) and blocks (paragraphs
 * separated by blank lines). Line breaks inside a block are kept, as "\n", because
 * they carry meaning ("By MARTA KOVAC" over "Staff Writer"); datelines, credits and
 * captions are the normalizer's job.
 */
export function extractText(text: string): RawStory {
  const clean = text.replace(BOM, '').replace(LINE_BREAKS, '\n');
  const start = clean.search(/\S/);
  if (start < 0) return { title: null, paragraphs: [] };
  const lineStart = clean.lastIndexOf('\n', start) + 1;
  const lineEnd = clean.indexOf('\n', start);
  const title = clean.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(SPACES, ' ').trim();
  const rest = lineEnd < 0 ? '' : clean.slice(lineEnd + 1);
  const blocks = rest.split(BLANK_LINE).map(tidyBlock).filter(Boolean);
  return { title, paragraphs: blocks };
}

function tidyBlock(block: string): string {
  const padded = EDGE_SPACE.test(block.charAt(0)) || EDGE_SPACE.test(block.charAt(block.length - 1));
  if (!padded && !UNTIDY.test(block)) return block;
  return block
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
