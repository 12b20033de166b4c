// The listing fixtures (test/fixtures/listings/<template>/: listing.html + expected.json),
// found by a loop, and their scoring; shared by the listing tests and `npm run bench -- links`.
// A local loop until the shared fixture-case loader lands.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LISTINGS_DIR = fileURLToPath(new URL('../fixtures/listings/', import.meta.url));

/** `tuning` cases are the ones detection was tuned against; `held-out` ones were written first and never tuned on. */
export type Split = 'tuning' | 'held-out';

export interface ListingCase {
  name: string;
  split: Split;
  /** Where the listing was served from. */
  url: string;
  html: string;
  /** Article URLs a human reading the page names. */
  links: string[];
  next: string | null;
}

export function loadListingCases(dir = LISTINGS_DIR): ListingCase[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const expected = JSON.parse(readFileSync(path.join(dir, name, 'expected.json'), 'utf8')) as Omit<ListingCase, 'name' | 'html'>;
      const html = readFileSync(path.join(dir, name, 'listing.html'), 'utf8');
      return { name, html, split: expected.split, url: expected.url, links: expected.links, next: expected.next ?? null };
    });
}

export interface LinkScore {
  /** Articles expected and found. */
  hits: number;
  expected: number;
  found: number;
  missed: string[];
  wrong: string[];
}

export function scoreLinks(expected: string[], found: string[]): LinkScore {
  const want = new Set(expected);
  const got = new Set(found);
  return {
    hits: [...got].filter((u) => want.has(u)).length,
    expected: want.size,
    found: got.size,
    missed: [...want].filter((u) => !got.has(u)),
    wrong: [...got].filter((u) => !want.has(u)),
  };
}

export function addScores(scores: LinkScore[]): LinkScore {
  return scores.reduce(
    (sum, s) => ({ hits: sum.hits + s.hits, expected: sum.expected + s.expected, found: sum.found + s.found, missed: [...sum.missed, ...s.missed], wrong: [...sum.wrong, ...s.wrong] }),
    { hits: 0, expected: 0, found: 0, missed: [], wrong: [] },
  );
}

export const recall = (s: LinkScore): number => (s.expected ? s.hits / s.expected : 1);
export const precision = (s: LinkScore): number => (s.found ? s.hits / s.found : 1);
