// Request ids and the access log line, on a real loopback server.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { requestId, requestObserver } from '../../src/server/request-log.js';
import { capturingLogger } from '../support/log-capture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  url?: string;
  status?: number;
}

describe('requestObserver', () => {
  let server: Server;
  let logs: ReturnType<typeof capturingLogger>;
  /** Ids the handler saw through requestId(). */
  let seen: (string | undefined)[];
  const lines = () => logs.text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

  beforeEach(() => {
    logs = capturingLogger();
    seen = [];
    const observe = requestObserver({ log: logs.log, feedExists: (id) => id === 'inbox' });
    server = createServer((req, res) => {
      observe(req, res);
      observe(req, res); // idempotent: the raw listener and Express may both call it
      seen.push(requestId(req));
      const status = req.url === '/boom' ? 500 : req.url?.startsWith('/missing') ? 404 : 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  afterEach(() => server.close());

  it('keeps an X-Request-Id a proxy assigned, sends it back and logs it', async () => {
    const res = await request(server).get('/missing').set('X-Request-Id', 'edge-7f3a.42:9').expect(404);
    assert.equal(res.headers['x-request-id'], 'edge-7f3a.42:9');
    assert.deepEqual(seen, ['edge-7f3a.42:9']);
    const [line, ...more] = lines();
    assert.deepEqual(more, [], 'one line per request, though observed twice');
    assert.deepEqual([line?.reqId, line?.url, line?.status, line?.msg], ['edge-7f3a.42:9', '/missing', 404, 'request completed']);
  });

  it('makes a new UUID when none came, and a new one per request', async () => {
    const a = await request(server).get('/missing/a');
    const b = await request(server).get('/missing/b');
    assert.match(String(a.headers['x-request-id']), UUID);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    assert.deepEqual(lines().map((l) => l.reqId), [a.headers['x-request-id'], b.headers['x-request-id']]);
  });

  it('replaces an incoming id that does not look like one (too long, empty, spaces or other characters)', async () => {
    for (const bad of ['x'.repeat(129), 'two words', 'id<script>', '%C3%BCnicode', '']) {
      const res = await request(server).get('/missing').set('X-Request-Id', bad);
      assert.match(String(res.headers['x-request-id']), UUID, JSON.stringify(bad));
    }
    assert.equal(
      (await request(server).get('/missing').set('X-Request-Id', 'x'.repeat(128))).headers['x-request-id'],
      'x'.repeat(128),
      '128 characters are still an id',
    );
  });

  it('logs errors at error level; probes only when they fail; feed documents at debug', async () => {
    await request(server).get('/boom').expect(500);
    await request(server).get('/healthz').expect(200);
    await request(server).get('/feeds/inbox.rss').expect(200);
    await request(server).get('/missing').expect(404);
    assert.deepEqual(
      lines().map((l) => [l.url, l.level]),
      [['/boom', 50], ['/feeds/inbox.rss', 20], ['/missing', 30]],
    );
  });
});
