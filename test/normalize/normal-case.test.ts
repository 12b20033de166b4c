import assert from 'node:assert/strict';
import { toNormalCase } from '../../src/normalize/normal-case.js';

describe('toNormalCase', () => {
  const cases: [string, string][] = [
    ['NEW YORK', 'New York'],
    ['RIO DE JANEIRO', 'Rio de Janeiro'],
    ['LA PAZ', 'La Paz'],
    ["O'BRIEN", "O'Brien"],
    ['MCDONALD', 'McDonald'],
    ['MACRON', 'Macron'],
    ['Reykjahlid', 'Reykjahlid'],
    ['KIM JONG UN', 'Kim Jong Un'],
    ['Marta KOVAC', 'Marta Kovac'],
  ];
  for (const [input, out] of cases) it(`${input} -> ${out}`, () => assert.equal(toNormalCase(input), out));
});
