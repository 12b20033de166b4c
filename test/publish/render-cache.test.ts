import assert from 'node:assert/strict';
import { RenderCache } from '../../src/publish/render-cache.js';

describe('RenderCache', () => {
  const render = (value: string, counter: { n: number }) => async () => {
    counter.n += 1;
    return value;
  };

  it('renders once per (key, version); concurrent misses share the render; a new version replaces', async () => {
    const cache = new RenderCache<string>();
    const c = { n: 0 };
    const [a, b] = await Promise.all([cache.get('k', 'v1', render('one', c)), cache.get('k', 'v1', render('other', c))]);
    assert.deepEqual([a, b, c.n], ['one', 'one', 1]);
    assert.equal(cache.peek('k', 'v1'), 'one');
    assert.equal(await cache.get('k', 'v2', render('two', c)), 'two');
    assert.equal(cache.peek('k', 'v1'), undefined, 'the old version is gone');
    assert.deepEqual([cache.size, c.n], [1, 2]);
  });

  it('keeps at most maxEntries and maxBytes, least recently rendered out first; an entry over the cap alone stays', async () => {
    const evicted: string[] = [];
    const cache = new RenderCache<string>({ maxEntries: 3, maxBytes: 10, sizeOf: (v) => v.length, onEvent: (e, k) => e === 'evict' && evicted.push(k) });
    const c = { n: 0 };
    await cache.get('a', '1', render('aaaa', c));
    await cache.get('b', '1', render('bbbb', c));
    assert.equal(cache.byteSize, 8);
    await cache.get('c', '1', render('cc', c));
    assert.deepEqual(evicted, []);
    await cache.get('d', '1', render('d', c)); // 4 entries: over maxEntries
    assert.deepEqual(evicted, ['a']);
    await cache.get('e', '1', render('eeeeee', c)); // 13 bytes: over maxBytes
    assert.deepEqual(evicted, ['a', 'b']);
    assert.equal(cache.byteSize, 9);
    await cache.get('big', '1', render('x'.repeat(50), c));
    assert.deepEqual([cache.size, cache.byteSize, cache.peek('big', '1')?.length], [1, 50, 50]);
    await cache.get('big', '2', render('yy', c)); // replacing an entry gives its bytes back
    assert.equal(cache.byteSize, 2);
  });
});
