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
        pings.push(body);
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
    hub.close();
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
    ]);
    await app.scheduler.runNow('inbox'); // nothing new
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(pings.length, 1, 'no ping without a change');
  });
});
