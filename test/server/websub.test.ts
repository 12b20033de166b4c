import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { testApp, type TestApp } from '../support/test-app.js';

describe('WebSub', () => {
  let hub: Server;
  let app: TestApp;
  const pings: string[] = [];
  let onPing: () => void = () => {};

  before(async () => {
    hub = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/hub') pings.push(body);
        res.writeHead(204).end();
        onPing();
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const { port } = hub.address() as AddressInfo;
    app = await testApp({
      files: { 'a.txt': 'Bridge reopens\n\nThe bridge reopened.\n' },
      extraConfig: { 'wirefeed.yaml': `websub:\n  hub: http://127.0.0.1:${port}/hub\n` },
    });
  });
  after(async () => {
    await app.dispose();
    hub.closeAllConnections();
    await new Promise((resolve) => hub.close(resolve));
  });

  it('feeds carry rel="hub" and rel="self" in all three formats', async () => {
    const rss = (await request(app.web).get('/feeds/inbox.rss').expect(200)).text;
    assert.match(rss, /<atom:link href="http:\/\/127\.0\.0\.1:\d+\/hub" rel="hub"\/>/);
    assert.match(rss, /<atom:link href="https:\/\/feeds\.example\.org\/feeds\/inbox\.rss" rel="self"/);
    const atom = (await request(app.web).get('/feeds/inbox.atom').expect(200)).text;
    assert.match(atom, /<link rel="hub" href="http:\/\/127\.0\.0\.1:\d+\/hub"\/>/);
    const json = JSON.parse((await request(app.web).get('/feeds/inbox.json').expect(200)).text);
    assert.equal(json.hubs[0].type, 'WebSub');
  });

  it('pings the hub after a run that added stories, and not after one that changed nothing', async () => {
    const pinged = new Promise<void>((resolve) => (onPing = resolve));
    await app.scheduler.runNow('inbox');
    await pinged;
    assert.equal(pings.length, 1);
    const body = new URLSearchParams(pings[0]);
    assert.equal(body.get('hub.mode'), 'publish');
    assert.deepEqual(body.getAll('hub.url'), [
      'https://feeds.example.org/feeds/inbox.rss',
      'https://feeds.example.org/feeds/inbox.atom',
      'https://feeds.example.org/feeds/inbox.json',
      'https://feeds.example.org/feeds/inbox.ninjs',
    ]);
    const quiet = await app.scheduler.runNow('inbox');
    assert.equal(quiet.new + quiet.updated, 0, 'nothing new');
    // A ping is sent as the run finishes; one of ours sent after it, once answered, shows
    // that the hub saw everything sent before it.
    await fetch(`http://127.0.0.1:${(hub.address() as AddressInfo).port}/after-run`, { method: 'POST' });
    assert.equal(pings.length, 1, 'no ping without a change');
  });
});
