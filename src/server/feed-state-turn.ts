// The feed state (store.feedState: version and last change) shared by the requests of one
// event-loop turn. Aggregators and readers poll the same feeds at once: the requests that
// arrive together (one poll phase) read the state once, and a cached feed or a 304 is
// then answered without awaiting anything. Nothing is kept past the turn, so a story
// stored by any process is seen by the next request as before.
import type { Clock } from '../clock.js';
import type { FeedDefinition } from '../publish/feed-definitions.js';
import type { FeedState, Store } from '../store/store.js';

interface Read {
  promise: Promise<FeedState>;
  value?: FeedState;
}

export class FeedStateTurn {
  private reads = new Map<FeedDefinition, Read>();
  private clearing = false;

  /** With a clock, embargoes lifted by its now are part of the state (store.feedState). */
  constructor(
    private readonly store: Pick<Store, 'feedState'>,
    private readonly clock?: Clock,
  ) {}

  /** The state read during this turn, if it has arrived. */
  peek(def: FeedDefinition): FeedState | undefined {
    return this.reads.get(def)?.value;
  }

  read(def: FeedDefinition): Promise<FeedState> {
    const known = this.reads.get(def);
    if (known) return known.promise;
    const read: Read = { promise: this.store.feedState(def.sourceIds, this.clock?.now()) };
    read.promise.then(
      (value) => {
        read.value = value;
      },
      () => this.reads.delete(def),
    );
    this.reads.set(def, read);
    if (!this.clearing) {
      this.clearing = true;
      // After this turn's I/O callbacks: requests of the next poll read afresh.
      setImmediate(() => {
        this.reads = new Map();
        this.clearing = false;
      });
    }
    return read.promise;
  }
}
