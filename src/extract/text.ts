import type { RawStory } from '../story.js';

/**
 * Splits a plain-text wire story into its title (first line) and blocks
 * (paragraphs separated by blank lines). Meaning — datelines, credits,
 * captions — is the normalizer's job.
 */
export function extractText(text: string): RawStory {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = clean.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { title: null, paragraphs: [] };
  const title = collapse(lines[first] ?? '');
  const rest = lines.slice(first + 1).join('\n');
  const blocks = rest.split(/\n[ \t]*\n/).map(collapse).filter(Boolean);
  return { title, paragraphs: blocks };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
