import assert from 'node:assert/strict';
import { parseDateLine, parseNewsDate } from '../../src/normalize/dates.js';

describe('parseNewsDate', () => {
  const cases: [string, string][] = [
    ['Published January 21, 2026 at 6:45 a.m. GMT', '2026-01-21T06:45:00.000Z'],
    ['Updated: Jan. 21, 2026 8:10 PM ET', '2026-01-22T01:10:00.000Z'],
    ['July 4, 2026 8:10 PM ET', '2026-07-05T00:10:00.000Z'],
    ['21 March 2026 14:30 CET', '2026-03-21T13:30:00.000Z'],
    ['March 10, 2026 11:05 KST', '2026-03-10T02:05:00.000Z'],
    ['Wed, 21 Jan 2026 06:45:00 +0000', '2026-01-21T06:45:00.000Z'],
    ['2026-01-21T06:45:00+09:00', '2026-01-20T21:45:00.000Z'],
    ['2026-01-21T06:45:00.5Z', '2026-01-21T06:45:00.500Z'],
    ['20260121T064500Z', '2026-01-21T06:45:00.000Z'],
    ['20260121', '2026-01-21T00:00:00.000Z'],
    ['January 21, 2026 6 p.m. GMT+2', '2026-01-21T16:00:00.000Z'],
    ['Posted on Monday, March 2, 2026, 12:15 a.m. JST', '2026-03-01T15:15:00.000Z'],
  ];
  for (const [text, iso] of cases) it(`reads "${text}"`, () => assert.equal(parseNewsDate(text), iso));

  it('reads a time without zone in the default zone, across daylight saving', () => {
    assert.equal(parseNewsDate('March 2, 2026 09:00', 'Asia/Tokyo'), '2026-03-02T00:00:00.000Z');
    assert.equal(parseNewsDate('2026-07-01 12:00', 'Europe/London'), '2026-07-01T11:00:00.000Z');
    assert.equal(parseNewsDate('2026-01-01 12:00', 'Europe/London'), '2026-01-01T12:00:00.000Z');
  });

  for (const text of ['yesterday', '2 hours ago', 'February 30, 2026', 'Jan 21 2026 at noon in London', 'March 4', '13:00', 'January 21, 2026 25:00']) {
    it(`invents nothing for "${text}"`, () => assert.equal(parseNewsDate(text), null));
  }

  it('parseDateLine reads labelled published and updated dates, and only those', () => {
    assert.deepEqual(parseDateLine('Published: Jan. 21, 2026 5:30 AM EST | Updated: Jan. 21, 2026 8:10 PM ET', 'UTC'), {
      published: '2026-01-21T10:30:00.000Z',
      updated: '2026-01-22T01:10:00.000Z',
    });
    assert.equal(parseDateLine('Published in the spring edition, the plan drew comments.', 'UTC'), null);
  });
});
