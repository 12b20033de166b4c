import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../../src/app.js';
import type { FeedDefinition } from '../../src/publish/feed-definitions.js';
import { FeedStateTurn } from '../../src/server/feed-state-turn.js';
import type { FeedState } from '../../src/store/store.js';
import { testApp, type TestApp } from '../support/test-app.js';

describe('FeedStateTurn (one feed state read per event-loop turn)', () => {
  const def = { id: 'inbox', sourceIds: ['inbox'] } as FeedDefinition;

  it('shares one read among the requests of a turn, and reads again in the next', async () => {
    let reads = 0;
    let version = 1;
    const turn = new FeedStateTurn({ feedState: async (): Promise<FeedState> => ({ version: (reads++, version), lastChanged: null }) });
    const [a, b] = await Promise.all([turn.read(def), turn.read(def)]);
    assert.equal(reads, 1);
    assert.equal(a, b);
    assert.deepEqual(turn.peek(def), a, 'at hand for the rest of the turn');
    await new Promise((r) => setImmediate(r));
    assert.equal(turn.peek(def), undefined, 'nothing kept past the turn');
    version = 2;
    assert.equal((await turn.read(def)).version, 2, 'a change is seen by the next turn');
    assert.equal(reads, 2);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const turn = new FeedStateTurn({
      feedState: async () => {
        if (fail) throw new Error('store down');
        return { version: 1, lastChanged: null };
      },
    });
    await assert.rejects(turn.read(def), /store down/);
    fail = false;
    assert.equal((await turn.read(def)).version, 1);
  });
});

describe('feed hot path on the raw listener', () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  before(async () => {
    app = await testApp({ files: { 'a.txt': 'Alpha\n\nFirst.\n' } });
    await app.scheduler.runNow('inbox');
    server = await listen(app, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await app.dispose();
  });

  it('sends X-Request-Id with 200 and 304 answers, and sees a new story at once', async () => {
    const first = await fetch(`${base}/feeds/inbox.rss`);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await Promise.all([1, 2, 3].map(() => fetch(`${base}/feeds/inbox.rss`, { headers: { 'if-none-match': etag } })));
    for (const res of again) {
      assert.equal(res.status, 304);
      assert.ok(res.headers.get('x-request-id'));
      assert.equal(res.headers.get('etag'), etag);
    }
    const kept = await fetch(`${base}/feeds/inbox.rss`, { headers: { 'x-request-id': 'edge-1' } });
    assert.equal(kept.headers.get('x-request-id'), 'edge-1');
    await kept.arrayBuffer();
    app.dir.write('stories/b.txt', 'Beta\n\nSecond.\n');
    app.clock.advance(60_000);
    await app.scheduler.runNow('inbox');
    const changed = await fetch(`${base}/feeds/inbox.rss`, { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /Beta/);
  });
});
