// One feed version is rendered in many variants (three formats, encodings aside, and
// query parameters such as summary= or limit=), and each render reads the same stories.
// Reading and parsing 50 full-text stories costs as much as rendering them, so the
// variants of one version share one read.
import type { StoredStory } from '../story.js';
import type { Store, StoryQuery } from '../store/store.js';

export class StoryListMemo {
  private readonly lists = new Map<string, Promise<StoredStory[]>>();

  constructor(private readonly maxEntries = 64) {}

  /**
   * The store's answer to `query` at `version` of its sources. Versions only grow, so a
   * (sources, version) pair names one state of the stories; a failed read is not kept.
   */
  listStories(store: Pick<Store, 'listStories'>, query: StoryQuery, version: string): Promise<StoredStory[]> {
    const key = `${version}\n${query.sourceIds.join(',')}\n${query.limit}\n${query.before ?? ''}\n${query.beforeId ?? ''}`;
    let list = this.lists.get(key);
    if (!list) {
      list = store.listStories(query);
      list.catch(() => this.lists.delete(key));
      this.lists.set(key, list);
      if (this.lists.size > this.maxEntries) this.lists.delete(this.lists.keys().next().value as string);
    }
    return list;
  }
}
