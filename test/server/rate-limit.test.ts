import assert from 'node:assert/strict';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { fixedClock } from '../../src/clock.js';
import { AppError } from '../../src/errors.js';
import { FILTER_RATE_LIMIT, rateLimit } from '../../src/server/rate-limit.js';
import { testApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'push-token-0123456789abcdef';

describe('API rate limit (per-IP token bucket on /api/*)', () => {
  let app: TestApp;
  afterEach(async () => app?.dispose());

  it('lets a burst through, then answers 429 with Retry-After; refills with time; feeds are not limited', async () => {
    app = await testApp({
      extraConfig: { 'wirefeed.yaml': 'api:\n  rateLimit:\n    perMinute: 6\n    burst: 3\n', 'sources/desk.yaml': `id: desk\ntype: push\ntoken: ${TOKEN}\n` },
    });
    const post = () => request(app.web).post('/api/sources/desk/stories').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send('{"title":"T","body":{"text":"Text."}}');
    for (let i = 0; i < 3; i++) await post().expect(201);
    const limited = await post().expect(429);
    assert.equal(limited.body.error, 'RATE_LIMITED');
    assert.equal(limited.headers['retry-after'], '10'); // one token per 10 s at 6 a minute
    for (let i = 0; i < 20; i++) await request(app.web).get('/feeds/desk.rss').expect(200);
    app.clock.advance(10_000);
    await post().expect(201);
    await post().expect(429);
  });

  it('counts X-Forwarded-For clients apart only behind a proxy named in api.trustProxy', async () => {
    const limited = async (trustProxy: string) => {
      app = await testApp({
        extraConfig: { 'wirefeed.yaml': `api:\n  trustProxy: ${trustProxy}\n  rateLimit:\n    perMinute: 1\n    burst: 1\n` },
      });
      const statuses: number[] = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.1']) {
        statuses.push((await request(app.web).get('/api/sources').set('X-Forwarded-For', client)).status);
      }
      await app.dispose();
      return statuses;
    };
    // supertest connects from loopback: the trusted proxy; each forwarded client has its own bucket.
    assert.deepEqual(await limited('[loopback]'), [200, 200, 429]);
    // Not trusted: the header is anybody's to forge, so all three share the peer's bucket.
    assert.deepEqual(await limited('false'), [200, 429, 429]);
  });

  it('limits feed renders that run ?filter= patterns per client, on the bare listener too; cached answers, plain feeds and other clients pass', async () => {
    app = await testApp({ extraConfig: { 'wirefeed.yaml': 'api:\n  trustProxy: [loopback]\n' } });
    const { burst, perMinute } = FILTER_RATE_LIMIT;
    const bare = request(app.listener); // what `listen` serves: feeds first, Express for the rest
    const filtered = (i: number, client = '203.0.113.1') => bare.get(`/feeds/inbox.rss?filter=storm${i}`).set('X-Forwarded-For', client);
    for (let i = 0; i < burst; i++) await filtered(i).expect(200);
    const limited = await filtered(burst).expect(429);
    assert.equal(limited.body.error, 'RATE_LIMITED');
    assert.equal(limited.headers['retry-after'], String(Math.ceil(60 / perMinute)));
    await request(app.web).get('/feeds/inbox.rss?filterout=x').set('X-Forwarded-For', '203.0.113.1').expect(429); // one bucket for both doors
    for (let i = 0; i < 5; i++) await filtered(0).expect(200); // rendered before: answered from the cache
    await filtered(burst, '203.0.113.2').expect(200);
    for (let i = 0; i < 5; i++) await bare.get('/feeds/inbox.rss').set('X-Forwarded-For', '203.0.113.1').expect(200);
    await bare.get('/feeds/inbox.rss?filter=&filter_time=60').set('X-Forwarded-For', '203.0.113.1').expect(200); // no pattern
    app.clock.advance(60_000 / perMinute);
    await filtered(burst + 1).expect(200);
    await filtered(burst + 2).expect(429);
  });

  it('keeps one bucket per client address, and at most maxClients buckets', () => {
    const clock = fixedClock('2026-03-05T08:00:00Z');
    const limit = rateLimit({ perMinute: 60, burst: 1, maxClients: 2 }, clock);
    const call = (ip: string) => {
      let outcome: unknown = 'none';
      const res = { setHeader: () => undefined } as unknown as Response;
      limit({ ip, socket: {} } as Request, res, ((err?: unknown) => (outcome = err ?? 'ok')) as NextFunction);
      return outcome instanceof AppError ? outcome.code : outcome;
    };
    assert.equal(call('10.0.0.1'), 'ok');
    assert.equal(call('10.0.0.1'), 'RATE_LIMITED');
    assert.equal(call('10.0.0.2'), 'ok');
    assert.equal(call('10.0.0.3'), 'ok'); // evicts 10.0.0.1, the least recently seen
    assert.equal(call('10.0.0.1'), 'ok');
  });
});
