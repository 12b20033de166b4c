// One behavioural suite for every Store backend (Kysely-style): each backend file calls
// it. One contract file per role, under contract/, in the order of the Store's roles.
import { fixedClock, type Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/store.js';
import { healthContract } from './contract/health.js';
import { leaseContract } from './contract/leases.js';
import { retentionContract } from './contract/retention.js';
import { runContract } from './contract/runs.js';
import { storyContract } from './contract/stories.js';
import { storyBatchContract } from './contract/story-batch.js';
import { storyFileContract } from './contract/story-files.js';
import { storyLifecycleContract } from './contract/story-lifecycle.js';
import { T0, type StoreUnderTest } from './contract/store-under-test.js';
import { validatorContract } from './contract/validators.js';

/** Opens a fresh, empty store whose leases expire by `clock`. */
export type OpenStore = (options: { clock: Clock }) => Promise<Store>;

export function storeSuite(name: string, open: OpenStore) {
  describe(`Store contract: ${name}`, () => {
    // Filled for each test; the role contracts read it inside their tests.
    const s = {} as StoreUnderTest;
    beforeEach(async () => {
      s.clock = fixedClock(T0);
      s.store = await open({ clock: s.clock });
      await s.store.migrate();
    });
    afterEach(async () => s.store.close());

    it('migrate is idempotent', async () => {
      await s.store.migrate();
      await s.store.ping();
    });

    storyContract(s);
    storyLifecycleContract(s);
    runContract(s);
    leaseContract(s);
    validatorContract(s);
    storyFileContract(s);
    storyBatchContract(s);
    healthContract(s);
    retentionContract(s);
  });
}
