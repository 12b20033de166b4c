import assert from 'node:assert/strict';
import { parseByline, parseContributorLine, parseSignOff } from '../../src/normalize/credits.js';

const names = (credits: { name: string; role: string }[] | null | undefined) => credits?.map((c) => `${c.name}:${c.role}`);

describe('credits', () => {
  describe('parseByline', () => {
    const cases: [string, string[]][] = [
      ['By Jane Smith', ['Jane Smith:author']],
      ['By Luis Ortega and Priya Nair', ['Luis Ortega:author', 'Priya Nair:author']],
      ['By A. Nora Feld, Pedro Alves and Hiroshi Tanaka', ['A. Nora Feld:author', 'Pedro Alves:author', 'Hiroshi Tanaka:author']],
      ['BY MARTA KOVAC\nStaff Writer', ['Marta Kovac:author']],
      ['By MARTA KOVAC Staff Writer', ['Marta Kovac:author']],
      ['By Dana Okafor, Associated Press', ['Dana Okafor:author', 'Associated Press:agency']],
      ['By Callum Reid, Transport Correspondent', ['Callum Reid:author']],
      ['By Sean MCDONALD and Aoife O’BRIEN', ['Sean McDonald:author', 'Aoife O’Brien:author']],
      ['By Reuters', ['Reuters:agency']],
    ];
    for (const [text, expected] of cases) {
      it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(names(parseByline(text)?.credits), expected));
    }
    it('keeps the byline as printed, lines joined', () => {
      assert.equal(parseByline('BY MARTA KOVAC\nStaff Writer')?.byline, 'BY MARTA KOVAC, Staff Writer');
    });
    for (const sentence of [
      'By Tuesday, the river had fallen.',
      'By the time the water peaked, 2,000 people had left.',
      'By some estimates, the damage will pass 40 million dollars.',
      'By Christmas Eve the shops were empty.',
      'By Jane Smith\nwho was there on the night',
    ]) {
      it(`is no byline: ${JSON.stringify(sentence.slice(0, 30))}`, () => assert.equal(parseByline(sentence), null));
    }
  });

  it('parseSignOff reads a Reuters sign-off block with roles and places', () => {
    const credits = parseSignOff('(Reporting by Amelia Grant in London and Keiko Sato in Tokyo; Additional reporting by Rahul Mehta; Editing by Susan Fenwick)');
    assert.deepEqual(names(credits), ['Amelia Grant:author', 'Keiko Sato:author', 'Rahul Mehta:contributor', 'Susan Fenwick:editor']);
    assert.equal(parseSignOff('(Reporting by the BBC; said the minister)'), null);
  });

  it('parseContributorLine reads contributor lines and drops the descriptor', () => {
    assert.deepEqual(names(parseContributorLine('Ana Duarte in Reykjavik contributed reporting.')), ['Ana Duarte:contributor']);
    assert.deepEqual(names(parseContributorLine('Associated Press writers Maria Lopez and Ben Carter contributed to this report.')), [
      'Maria Lopez:contributor',
      'Ben Carter:contributor',
    ]);
    assert.equal(parseContributorLine('Volunteers from the village contributed to this report.'), null);
  });
});
