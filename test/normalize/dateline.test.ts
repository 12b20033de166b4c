import assert from 'node:assert/strict';
import { parseDateline } from '../../src/normalize/dateline.js';

describe('parseDateline', () => {
  const cases: [string, Record<string, string | null>, string][] = [
    ['TOKYO, Japan — The ferry', { text: 'TOKYO, Japan', place: 'Tokyo', country: 'Japan', agency: null }, 'The ferry'],
    ['CAIRO (AP) — Officials', { text: 'CAIRO (AP)', place: 'Cairo', agency: 'AP', country: null }, 'Officials'],
    ['SEOUL, March 4 (Reuters) - Exports', { place: 'Seoul', agency: 'Reuters', date: '--03-04' }, 'Exports'],
    ['Reykjahlid (AFP) - Glaciers', { place: 'Reykjahlid', agency: 'AFP' }, 'Glaciers'],
    ['SPRINGFIELD, Ill. -- Rail workers', { place: 'Springfield', region: 'Ill.', country: null }, 'Rail workers'],
    ['WELLINGTON, New Zealand – Parliament', { place: 'Wellington', country: 'New Zealand' }, 'Parliament'],
    ['ST. LOUIS, Mo. (AP) — A', { place: 'St. Louis', region: 'Mo.', agency: 'AP' }, 'A'],
    ['DAR ES SALAAM, Tanzania—Rains', { place: 'Dar es Salaam', country: 'Tanzania' }, 'Rains'],
    ['Kyiv, Ukraine - Sirens', { place: 'Kyiv', country: 'Ukraine' }, 'Sirens'],
    ['HALIFAX, Nova Scotia, Canada — Boats', { place: 'Halifax', region: 'Nova Scotia', country: 'Canada' }, 'Boats'],
    ['LONDON, Jan. 9, 2026 (Reuters) - Oil', { place: 'London', date: '2026-01-09' }, 'Oil'],
  ];
  for (const [lead, fields, rest] of cases) {
    it(`reads "${lead.slice(0, 32)}"`, () => {
      const m = parseDateline(lead);
      assert.ok(m, 'a dateline');
      for (const [k, v] of Object.entries(fields)) assert.equal(m.dateline[k as keyof typeof m.dateline], v, k);
      assert.equal(m.rest, rest);
    });
  }

  it('takes the year of a dateline date from the published date, nearest year', () => {
    assert.equal(parseDateline('SEOUL, March 4 (Reuters) - X', '2026-03-05T00:10:00Z')?.dateline.date, '2026-03-04');
    assert.equal(parseDateline('SEOUL, Dec. 31 (Reuters) - X', '2026-01-02T00:00:00Z')?.dateline.date, '2025-12-31');
  });

  const notDatelines = [
    '"We will not be bullied into a bad deal," the minister said — and by dawn it was over.',
    'Rescue teams worked through the night — and well into the morning — to reach them.',
    'Kim Jong Un, Xi Jinping — and a dozen aides — met on Tuesday.',
    'The Prime Minister — who had been silent — spoke on Friday.',
    'Meanwhile — as expected — prices rose.',
    'I — for one — agree.',
    'Prices rose 5%-6% in a year - the fastest pace in a decade.',
    'SOUTH-WEST winds brought rain.',
  ];
  for (const lead of notDatelines) {
    it(`finds no dateline in "${lead.slice(0, 36)}"`, () => assert.equal(parseDateline(lead), null));
  }
});
