// The story-file marks role: what the files source knew of each file.
import assert from 'node:assert/strict';
import { storyContentHash, type Store } from '../../../src/store/store.js';
import { makeStory } from '../../support/make-story.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

export function storyFileContract(s: StoreUnderTest): void {
  describe('story file marks', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    it('keeps story file marks per source, tells whether their story is still current, and forgets them', async () => {
      const story = makeStory();
      await store.upsertStory(story, T0);
      const mark = { name: 'bridge.txt', stat: '120:1:2:3:4', statTrusted: false, parser: 'p1', fileHash: 'f1', storyId: story.id, storyHash: storyContentHash(story) };
      await store.saveStoryFileMark('inbox', mark);
      await store.saveStoryFileMark('other', { ...mark, storyId: 'missing' });
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, current: true }]);
      assert.deepEqual(await store.storyFileMarks('other'), [{ ...mark, storyId: 'missing', current: false }], 'no such story');
      await store.saveStoryFileMark('inbox', { ...mark, stat: '120:5:6:3:4', statTrusted: true });
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, stat: '120:5:6:3:4', statTrusted: true, current: true }], 'replaced');
      await store.upsertStory({ ...story, title: 'Changed elsewhere' }, T1);
      assert.equal((await store.storyFileMarks('inbox'))[0]?.current, false, 'the story changed since');
      await store.saveStoryFileMark('inbox', { ...mark, name: 'rail.txt' });
      await store.forgetStoryFiles('inbox', ['bridge.txt', 'never-there.txt']);
      await store.forgetStoryFiles('inbox', []);
      assert.deepEqual((await store.storyFileMarks('inbox')).map((m) => m.name), ['rail.txt']);
      assert.equal((await store.storyFileMarks('other')).length, 1, 'per source');
      assert.equal(await store.countStories('inbox'), 1, 'stories stay');
    });
  });
}
