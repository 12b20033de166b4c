import assert from 'node:assert/strict';
import { SqliteStore } from '../../src/store/sqlite.js';
import { makeStory } from '../support/make-story.js';
import { tempDir } from '../support/temp-dir.js';
import { storeSuite } from './store-suite.js';

storeSuite('SQLite', async ({ clock }) => new SqliteStore(':memory:', { clock }));

describe('SqliteStore', () => {
  it('keeps stories in a WAL-mode file across reopen', async () => {
    const dir = tempDir();
    try {
      const url = `file:${dir.path('nested/wirefeed.db')}`;
      const first = SqliteStore.fromUrl(url);
      await first.migrate();
      await first.upsertStory(makeStory(), new Date());
      await first.close();
      const again = SqliteStore.fromUrl(url);
      await again.migrate();
      assert.equal(await again.countStories('inbox'), 1);
      await again.close();
    } finally {
      dir.remove();
    }
  });
});
