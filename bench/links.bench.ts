// Article links found on the listing fixtures (test/fixtures/listings/): recall and
// precision over all templates and per split (tuning vs held-out), next-page hits, and
// ms per listing against parsing the same page alone (the baseline, same run).
import { load } from 'cheerio/slim';
import { findArticleLinks } from '../src/extract/html-links.js';
import { addScores, loadListingCases, precision, recall, scoreLinks, type LinkScore, type ListingCase } from '../test/extract/listing-cases.js';

function msPer(cases: ListingCase[], rounds: number, fn: (c: ListingCase) => unknown): number {
  for (const c of cases) fn(c);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const c of cases) fn(c);
  return Number(process.hrtime.bigint() - t0) / 1e6 / (rounds * cases.length);
}

const show = (s: LinkScore) => `recall ${recall(s).toFixed(3)} (${s.hits}/${s.expected}), precision ${precision(s).toFixed(3)} (${s.hits}/${s.found})`;

export async function run(): Promise<void> {
  const cases = loadListingCases();
  const rows = cases.map((c) => {
    const listing = findArticleLinks(c.html, { pageUrl: c.url });
    return { c, score: scoreLinks(c.links, listing.links), nextOk: listing.next === c.next };
  });
  for (const { c, score, nextOk } of rows) {
    console.log(`${c.name.padEnd(20)} ${c.split.padEnd(8)} ${show(score)}; next ${nextOk ? 'ok' : 'wrong'}`);
    for (const u of score.missed) console.log(`  missed ${u}`);
    for (const u of score.wrong) console.log(`  wrong  ${u}`);
  }
  for (const split of ['tuning', 'held-out'] as const) {
    const part = rows.filter((r) => r.c.split === split);
    console.log(`${split}: ${part.length} listings, ${show(addScores(part.map((r) => r.score)))}; next ${part.filter((r) => r.nextOk).length}/${part.length}`);
  }
  const all = addScores(rows.map((r) => r.score));
  console.log(`all: ${rows.length} listings, ${show(all)}; next ${rows.filter((r) => r.nextOk).length}/${rows.length}; goal >= 0.98 each`);
  const parse = msPer(cases, 200, (c) => load(c.html, { xml: false }));
  const detect = msPer(cases, 200, (c) => findArticleLinks(c.html, { pageUrl: c.url }));
  console.log(`parse only (baseline): ${parse.toFixed(3)} ms per listing; findArticleLinks: ${detect.toFixed(3)} ms per listing, ${(detect / parse).toFixed(1)}x the baseline`);
}
