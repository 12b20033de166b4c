// Health alerts POSTed to alerts.webhook: retried on the clock, never rejecting.
import assert from 'node:assert/strict';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { alertBody, deliverAlert } from '../../src/schedule/alert-webhook.js';
import type { HealthEvent } from '../../src/store/store.js';
import { eventually } from '../support/eventually.js';
import { startServer, type LocalServer } from '../support/local-server.js';

const EVENT: HealthEvent = { id: 7, sourceId: 'news', at: '2026-03-05T08:00:00.000Z', state: 'blocked', previous: 'ok', reason: 'the site refuses us (HTTP 403)', example: 'https://news.example.com/' };

describe('alert webhook', () => {
  let hook: LocalServer;
  const bodies: string[] = [];
  let answers: number[] = [];
  before(async () => {
    hook = await startServer({
      '/hook': (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          bodies.push(body);
          res.writeHead(answers.shift() ?? 204).end();
        });
      },
    });
  });
  after(async () => hook?.close());
  beforeEach(() => {
    bodies.length = 0;
  });

  it('POSTs the event as JSON with its title and link, retrying a refusal after the first delay on the clock', async () => {
    answers = [500, 204];
    const clock = manualClock('2026-03-05T08:00:00Z');
    const body = alertBody(EVENT, 'news is blocked (was ok)', 'https://feeds.example.org');
    const delivered = deliverAlert(`${hook.origin}/hook`, body, { clock, log: silentLogger(), baseUrl: 'https://feeds.example.org', retryDelaysMs: [5_000, 30_000] });
    await clock.sleeping();
    assert.equal(bodies.length, 1, 'no second attempt before the clock moves');
    clock.advance(5_000);
    assert.equal(await delivered, true);
    assert.equal(bodies.length, 2);
    assert.deepEqual(JSON.parse(bodies[1]!), { ...EVENT, title: 'news is blocked (was ok)', url: 'https://feeds.example.org/status#source-news' });
  });

  it('gives up after the last retry and resolves false; a stop signal ends the waiting', async () => {
    answers = [503, 503, 503];
    const clock = manualClock('2026-03-05T08:00:00Z');
    const delivered = deliverAlert(`${hook.origin}/hook`, '{}', { clock, log: silentLogger(), baseUrl: 'https://feeds.example.org', retryDelaysMs: [1_000, 1_000] });
    for (let i = 1; i <= 2; i++) {
      await clock.sleeping();
      clock.advance(1_000);
    }
    assert.equal(await delivered, false);
    assert.equal(bodies.length, 3);
    const stop = new AbortController();
    answers = [503];
    const stopped = deliverAlert(`${hook.origin}/hook`, '{}', { clock, log: silentLogger(), baseUrl: 'x', signal: stop.signal });
    await clock.sleeping();
    stop.abort();
    assert.equal(await stopped, false);
    await eventually('the stopped delivery made one attempt', () => bodies.length === 4);
  });
});
