// The group-commit role: stories and their story file marks in one transaction.
import assert from 'node:assert/strict';
import { storyContentHash, type Store, type StoryFileMark } from '../../../src/store/store.js';
import { makeStory } from '../../support/make-story.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

export function storyBatchContract(s: StoreUnderTest): void {
  describe('story batches (group commit)', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });
    const markOf = (name: string, story: ReturnType<typeof makeStory>): StoryFileMark => ({
      name, stat: '1:2:3:4:5', statTrusted: false, parser: 'p1', fileHash: `f-${name}`, storyId: story.id, storyHash: storyContentHash(story),
    });

    it('upserts each story as upsertStory does, in order, and saves the marks with them', async () => {
      const a = makeStory({ key: 'a', title: 'A' });
      const b = makeStory({ key: 'b', title: 'B' });
      const marks = [{ sourceId: 'inbox', mark: markOf('a.txt', a) }, { sourceId: 'inbox', mark: markOf('b.txt', b) }];
      assert.deepEqual(await store.storeBatch({ stories: [{ story: a }, { story: b }], marks }, T0), ['new', 'new']);
      assert.deepEqual((await store.storyFileMarks('inbox')).map((m) => [m.name, m.current]).sort(), [['a.txt', true], ['b.txt', true]]);
      const version = (await store.feedState(['inbox'])).version;

      const b2 = { ...b, title: 'B again' };
      const json = JSON.stringify(b2);
      const results = await store.storeBatch({ stories: [{ story: a }, { story: b2, json, hash: storyContentHash(b2, json) }], marks: [] }, T1);
      assert.deepEqual(results, ['unchanged', 'updated']);
      assert.equal((await store.feedState(['inbox'])).version, version + 1, 'one bump per changed story, as upsertStory');
      const stored = await store.listStories({ sourceIds: ['inbox'], limit: 10 });
      assert.deepEqual(stored.map((x) => [x.story.title, x.firstSeen, x.lastChanged]).sort(), [['A', T0.toISOString(), T0.toISOString()], ['B again', T0.toISOString(), T1.toISOString()]]);
      assert.deepEqual((await store.storyFileMarks('inbox')).map((m) => [m.name, m.current]).sort(), [['a.txt', true], ['b.txt', false]], 'b.txt marks the story before the update');
      assert.deepEqual(await store.storeBatch({ stories: [], marks: [] }, T1), [], 'an empty batch is a no-op');
    });

    it('is all or nothing: a failing mark leaves none of the stories stored', async () => {
      const a = makeStory({ key: 'a', title: 'A' });
      const bad = { ...markOf('a.txt', a), stat: null as unknown as string }; // NOT NULL in every backend
      await assert.rejects(store.storeBatch({ stories: [{ story: a }, { story: makeStory({ key: 'b' }) }], marks: [{ sourceId: 'inbox', mark: bad }] }, T0));
      assert.equal(await store.countStories('inbox'), 0);
      assert.deepEqual(await store.storyFileMarks('inbox'), []);
      assert.equal((await store.feedState(['inbox'])).version, 0);
      assert.deepEqual(await store.storeBatch({ stories: [{ story: a }], marks: [{ sourceId: 'inbox', mark: markOf('a.txt', a) }] }, T0), ['new'], 'the store is usable after');
    });
  });
}
