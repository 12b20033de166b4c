// The listing fixtures (test/fixtures/listings/<template>/: listing.html + expected.json),
// found by the shared case loader, and their scoring; used by the listing tests and
// `npm run bench -- links`.
import { fixtureCases } from '../support/fixture-cases.js';

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

export function loadListingCases(): ListingCase[] {
  return fixtureCases('listings', 'expected.json').map((c) => {
    const expected = c.json<Omit<ListingCase, 'name' | 'html'>>('expected.json');
    return { name: c.name, html: c.read('listing.html'), split: expected.split, url: expected.url, links: expected.links, next: expected.next ?? null };
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
