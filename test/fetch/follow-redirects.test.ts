import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import type { RawResponse } from '../../src/fetch/fetch-failure.js';
import { followRedirects } from '../../src/fetch/follow-redirects.js';
import { parseFetchUrl } from '../../src/fetch/parse-fetch-url.js';

const answer = (status: number, headers: Record<string, string> = {}): RawResponse => ({ status, headers, body: Buffer.alloc(0) });

describe('fetch: followRedirects', () => {
  it('resolves each Location against the hop it came from and numbers the hops', async () => {
    const seen: string[] = [];
    const chain: Record<string, RawResponse> = {
      'https://a.example/start': answer(301, { location: '/next' }),
      'https://a.example/next': answer(307, { location: 'https://b.example/last#frag' }),
      'https://b.example/last': answer(200),
    };
    const end = await followRedirects(parseFetchUrl('https://a.example/start'), { maxRedirects: 5, requested: 'x' }, async (url, index) => {
      seen.push(`${index} ${url.href}`);
      return chain[url.href]!;
    });
    assert.deepEqual(seen, ['0 https://a.example/start', '1 https://a.example/next', '2 https://b.example/last']);
    assert.equal(end.url.href, 'https://b.example/last');
    assert.equal(end.response.status, 200);
  });

  it('treats a 3xx without Location, or a 304, as the answer', async () => {
    for (const res of [answer(302), answer(304, { location: '/elsewhere' })]) {
      const end = await followRedirects(parseFetchUrl('https://a.example/'), { maxRedirects: 5, requested: 'x' }, async () => res);
      assert.equal(end.response, res);
    }
  });

  it('fails past maxRedirects, naming the URL as requested', async () => {
    let hops = 0;
    const loop = followRedirects(parseFetchUrl('https://a.example/loop'), { maxRedirects: 2, requested: 'https://a.example/loop#top' }, async () => {
      hops += 1;
      return answer(302, { location: '/loop' });
    });
    await assert.rejects(loop, (err: unknown) => err instanceof AppError && err.code === 'FETCH_REDIRECTS' && err.message.startsWith('https://a.example/loop#top:'));
    assert.equal(hops, 3, 'the first request and two redirects');
  });

  it('refuses a redirect to a non-http(s) URL', async () => {
    const hop = async () => answer(302, { location: 'file:///etc/passwd' });
    await assert.rejects(followRedirects(parseFetchUrl('https://a.example/'), { maxRedirects: 5, requested: 'x' }, hop), (err: unknown) => err instanceof AppError && err.code === 'INPUT_INVALID');
  });
});
