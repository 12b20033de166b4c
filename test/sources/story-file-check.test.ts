import assert from 'node:assert/strict';
import { fileCheck, STAT_TRUST_MARGIN_MS, type FileStat } from '../../src/sources/story-file-check.js';

const ms = (n: number) => BigInt(n) * 1_000_000n;
const READ_AT = Date.parse('2026-03-05T08:00:00.000Z');
const file = (over: Partial<FileStat> = {}): FileStat => ({ dev: 1n, ino: 42n, size: 120n, mtimeNs: ms(READ_AT - 60_000), ctimeNs: ms(READ_AT - 60_000), ...over });

describe('fileCheck: when a stat may stand for the bytes', () => {
  it('trusts a stat whose times were older than the margin when the content was read', () => {
    assert.equal(fileCheck(file(), READ_AT).trusted, true);
    assert.equal(fileCheck(file({ mtimeNs: ms(READ_AT - STAT_TRUST_MARGIN_MS - 1), ctimeNs: ms(READ_AT - STAT_TRUST_MARGIN_MS - 1) }), READ_AT).trusted, true);
  });

  it('does not trust a stat changed within the margin: a same-size rewrite in that tick would not show', () => {
    assert.equal(fileCheck(file({ mtimeNs: ms(READ_AT - 10), ctimeNs: ms(READ_AT - 10) }), READ_AT).trusted, false);
    assert.equal(fileCheck(file({ mtimeNs: ms(READ_AT - STAT_TRUST_MARGIN_MS), ctimeNs: ms(READ_AT - STAT_TRUST_MARGIN_MS) }), READ_AT).trusted, false);
  });

  it('judges by the later of mtime and ctime: an mtime set into the past (touch -d, cp -p) does not earn trust', () => {
    assert.equal(fileCheck(file({ mtimeNs: ms(Date.parse('2020-01-01')), ctimeNs: ms(READ_AT - 5) }), READ_AT).trusted, false);
    assert.equal(fileCheck(file({ mtimeNs: ms(READ_AT + 3_600_000) }), READ_AT).trusted, false, 'an mtime in the future');
  });

  it('changes its signature with size, mtime, ctime, device or inode, to the nanosecond', () => {
    const base = fileCheck(file(), READ_AT).stat;
    for (const over of [{ size: 121n }, { mtimeNs: ms(READ_AT - 60_000) + 1n }, { ctimeNs: ms(READ_AT - 60_000) + 1n }, { dev: 2n }, { ino: 43n }]) {
      assert.notEqual(fileCheck(file(over), READ_AT).stat, base, JSON.stringify(over, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    }
    assert.equal(fileCheck(file(), READ_AT + 5_000).stat, base, 'not the read time');
  });
});
