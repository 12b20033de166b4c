// The validators role: conditional-GET validators per source and URL.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/store.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

export function validatorContract(s: StoreUnderTest): void {
  describe('validators', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('saves and replaces conditional-GET validators per source and URL', async () => {
      const url = 'https://news.example.com/world';
      assert.equal(await store.getValidators('web', url), null);
      await store.saveValidators('web', url, { etag: '"v1"', lastModified: null, checkedAt: T0.toISOString() });
      assert.equal((await store.getValidators('web', url))?.bodyHash, null, 'no body hash saved');
      await store.saveValidators('web', url, { etag: '"v2"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT', checkedAt: T1.toISOString(), bodyHash: 'h2' });
      assert.deepEqual(await store.getValidators('web', url), {
        etag: '"v2"',
        lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT',
        checkedAt: T1.toISOString(),
        bodyHash: 'h2',
      });
      assert.equal(await store.getValidators('other', url), null, 'validators are per source');
    });
  });
}
