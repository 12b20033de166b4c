import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres.js';
import { openStore } from '../../src/store/open-store.js';
import { describePostgres } from '../support/describe-postgres.js';
import { makeStory } from '../support/make-story.js';
import { sharedPostgres } from '../support/postgres-server.js';
import { storeSuite } from './store-suite.js';

// Skipped locally without a PostgreSQL server (the reason printed); required under CI=1.
describePostgres('PostgreSQL store', () => {
  storeSuite('PostgreSQL', async ({ clock }) => new PostgresStore(await (await sharedPostgres()).createDatabase(), { clock }));

  describe('PostgresStore shared by many connections', () => {
    let url: string;
    const open: PostgresStore[] = [];
    const connect = () => {
      const s = new PostgresStore(url);
      open.push(s);
      return s;
    };
    beforeEach(async () => {
      url = await (await sharedPostgres()).createDatabase();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('is selected by a postgres:// DATABASE_URL', async () => {
      const store = await openStore(url);
      open.push(store as PostgresStore);
      assert.ok(store instanceof PostgresStore);
    });

    it('applies migrations once when several processes migrate at the same time', async () => {
      await Promise.all([connect(), connect(), connect(), connect()].map((s) => s.migrate()));
      await connect().migrate();
      assert.equal(await connect().countStories('inbox'), 0);
    });

    it('bumps the feed version exactly once per change under concurrent upserts', async () => {
      const stores = [connect(), connect(), connect()];
      await stores[0]!.migrate();
      const at = new Date('2026-03-04T10:00:00.000Z');
      const first = await Promise.all(stores.flatMap((s) => [s, s].map((x) => x.upsertStory(makeStory(), at))));
      assert.deepEqual(first.sort(), ['new', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
      const changed = makeStory({ title: 'Harbour bridge reopens early' });
      const second = await Promise.all(stores.map((s) => s.upsertStory(changed, at)));
      assert.deepEqual(second.sort(), ['unchanged', 'unchanged', 'updated']);
      assert.equal((await stores[1]!.feedState(['inbox'])).version, 2);
      assert.equal(await stores[2]!.countStories('inbox'), 1);
    });
  });
});
