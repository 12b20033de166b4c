import assert from 'node:assert/strict';
import { fixedClock } from '../../src/clock.js';
import { buildFetchResult } from '../../src/fetch/fetch-result.js';
import type { Validators } from '../../src/fetch/validators.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const clock = fixedClock('2026-03-04T05:06:07Z');
const stored = { etag: '"v1"', lastModified: 'Tue, 03 Mar 2026 00:00:00 GMT', checkedAt: '2026-03-03T00:00:00.000Z' };

describe('fetch: buildFetchResult', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
  });
  afterEach(async () => store.close());

  it('a 304 has no body and keeps the stored validators', async () => {
    const res = { status: 304, headers: { etag: '"ignored"' }, body: Buffer.alloc(0) };
    const result = buildFetchResult({ requested: 'https://a.example/', final: new URL('https://a.example/'), response: res, stored, sourceId: 's' }, { validators: store, clock });
    assert.equal(result.notModified, true);
    assert.equal(result.text, '');
    assert.deepEqual(result.validators, { etag: '"v1"', lastModified: stored.lastModified });
  });

  it('saves validators under the requested URL only when committed', async () => {
    const res = { status: 200, headers: { etag: '"v2"', 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from('<p>hi</p>') };
    const fetched = { requested: 'https://a.example/old', final: new URL('https://a.example/new'), response: res, stored: null, sourceId: 's' };
    const result = buildFetchResult(fetched, { validators: store, clock });
    assert.equal(result.url, 'https://a.example/new');
    assert.equal(result.text, '<p>hi</p>');
    assert.equal(await store.getValidators('s', 'https://a.example/old'), null, 'nothing saved before commit');
    await result.commitValidators();
    const saved = await store.getValidators('s', 'https://a.example/old');
    assert.deepEqual({ ...saved, bodyHash: undefined }, { etag: '"v2"', lastModified: null, checkedAt: '2026-03-04T05:06:07.000Z', bodyHash: undefined });
    assert.match(saved?.bodyHash ?? '', /^[\w-]{43}$/, 'SHA-256 of the body, base64url');
  });

  it('a 200 with the bytes last committed is not modified; other bytes, or no stored hash, are', async () => {
    const body = Buffer.from('<rss>same</rss>');
    const fetch = (bytes: Buffer, prior: Validators) =>
      buildFetchResult({ requested: 'https://a.example/f', final: new URL('https://a.example/f'), response: { status: 200, headers: { etag: '"new"' }, body: bytes }, stored: prior, sourceId: 's' }, { validators: store, clock });
    const first = fetch(body, stored);
    assert.equal(first.notModified, false, 'no hash stored yet');
    await first.commitValidators();
    const prior = (await store.getValidators('s', 'https://a.example/f'))!;
    const same = fetch(body, prior);
    assert.equal(same.notModified, true);
    assert.equal(same.text, '');
    assert.deepEqual(same.validators, { etag: '"new"', lastModified: null }, "this response's validators, not the stored ones");
    assert.equal(fetch(Buffer.from('<rss>changed</rss>'), prior).notModified, false);
  });
});
