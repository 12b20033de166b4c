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
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, current: true, missingSince: null }]);
      assert.deepEqual(await store.storyFileMarks('other'), [{ ...mark, storyId: 'missing', current: false, missingSince: null }], 'no such story');
      await store.saveStoryFileMark('inbox', { ...mark, stat: '120:5:6:3:4', statTrusted: true });
      assert.deepEqual(await store.storyFileMarks('inbox'), [{ ...mark, stat: '120:5:6:3:4', statTrusted: true, current: true, missingSince: null }], 'replaced');
      await store.upsertStory({ ...story, title: 'Changed elsewhere' }, T1);
      assert.equal((await store.storyFileMarks('inbox'))[0]?.current, false, 'the story changed since');
      await store.saveStoryFileMark('inbox', { ...mark, name: 'rail.txt' });
      await store.forgetStoryFiles('inbox', ['bridge.txt', 'never-there.txt']);
      await store.forgetStoryFiles('inbox', []);
      assert.deepEqual((await store.storyFileMarks('inbox')).map((m) => m.name), ['rail.txt']);
      assert.equal((await store.storyFileMarks('other')).length, 1, 'per source');
      assert.equal(await store.countStories('inbox'), 1, 'stories stay');
    });

    it('notes when a file went missing, clears it when it is back or its mark is saved again', async () => {
      const story = makeStory();
      await store.upsertStory(story, T0);
      const mark = { name: 'bridge.txt', stat: '120:1:2:3:4', statTrusted: false, parser: 'p1', fileHash: 'f1', storyId: story.id, storyHash: storyContentHash(story) };
      await store.saveStoryFileMark('inbox', mark);
      await store.saveStoryFileMark('other', mark);
      const since = async (source: string) => (await store.storyFileMarks(source))[0]?.missingSince;
      await store.setStoryFilesMissing('inbox', ['bridge.txt', 'never-there.txt'], T1);
      await store.setStoryFilesMissing('inbox', [], T1);
      assert.equal(await since('inbox'), T1.toISOString());
      assert.equal(await since('other'), null, 'per source');
      await store.setStoryFilesMissing('inbox', ['bridge.txt'], null);
      assert.equal(await since('inbox'), null, 'back');
      await store.setStoryFilesMissing('inbox', ['bridge.txt'], T1);
      await store.saveStoryFileMark('inbox', { ...mark, fileHash: 'f2' });
      assert.equal(await since('inbox'), null, 'a saved mark is a file that is there');
    });
  });
}
