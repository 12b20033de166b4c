// One feed version is rendered in many variants (three formats, encodings aside, and
// query parameters such as summary= or limit=), and a new version sends the requests of
// all of them at once, each reading the same rows. Reading 50 full-text rows costs
// milliseconds of the event loop, so the variants of one version share one read. Only
// for a few seconds: after the burst the rendered variants are cached, and rows held on
// would be megabytes of heap per feed.
import type { Store, StoryQuery, StoryRow } from '../store/store.js';

export class StoryListMemo {
  /** Per query, the rows of the newest version asked for only: full-text lists are megabytes. */
  private readonly lists = new Map<string, { version: string; list: Promise<StoryRow[]> }>();

  constructor(
    private readonly maxEntries = 64,
    private readonly holdMs = 5_000,
  ) {}

  /**
   * The store's answer to `query` at `version` of its sources. Versions only grow, so a
   * (sources, version) pair names one state of the stories; a failed read is not kept.
   */
  listStoryRows(store: Pick<Store, 'listStoryRows'>, query: StoryQuery, version: string): Promise<StoryRow[]> {
    const key = `${query.sourceIds.join(',')}\n${query.limit}\n${query.before ?? ''}\n${query.beforeId ?? ''}`;
    const held = this.lists.get(key);
    if (held?.version === version) return held.list;
    const list = store.listStoryRows(query);
    const entry = { version, list };
    const forget = () => this.lists.get(key) === entry && this.lists.delete(key);
    list.catch(forget);
    setTimeout(forget, this.holdMs).unref();
    this.lists.delete(key); // re-insert: Map order is recency order
    this.lists.set(key, entry);
    if (this.lists.size > this.maxEntries) this.lists.delete(this.lists.keys().next().value as string);
    return list;
  }
}
