import assert from 'node:assert/strict';
import request from 'supertest';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { PruneJob, type PruneTotals } from '../../src/schedule/prune-job.js';
import { retentionPolicies } from '../../src/schedule/retention-policy.js';
import { createMetrics } from '../../src/server/metrics.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { capturingLogger } from '../support/log-capture.js';
import { makeStory } from '../support/make-story.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp } from '../support/test-app.js';

const DAY = 86_400_000;
const T0 = new Date('2026-01-01T00:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);

function configWith(dir: TempDir, global: string) {
  dir.write('config/wirefeed.yaml', global);
  dir.write('config/sources/wire.yaml', 'id: wire\ntype: push\ntoken: abcdefghijklmnopqrstuvwxyz\nmaxItems: 3\n');
  dir.write('config/sources/slow.yaml', 'id: slow\ntype: push\ntoken: abcdefghijklmnopqrstuvwxyz\nretention:\n  storyDays: 400\n  runDays: 1\n');
  return loadConfig(dir.path('config'), { env: {} });
}

describe('retention', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('applies per-source overrides and keeps every feed window', () => {
    dir.write('config/feeds/all.yaml', 'id: all\ntitle: All\nsources: [wire, slow]\nlimit: 80\n');
    const config = configWith(dir, 'feeds:\n  maxLimit: 60\nretention:\n  storyDays: 10\n  runDays: 2\n');
    const [wire, slow, gone] = retentionPolicies(config, ['wire', 'removed'], day(30)).sort((a, b) => (a.sourceId === 'removed' ? 1 : b.sourceId === 'removed' ? -1 : a.sourceId < b.sourceId ? 1 : -1));
    assert.deepEqual(wire, { sourceId: 'wire', storiesBefore: day(20).toISOString(), runsBefore: day(28).toISOString(), keepNewest: 80 });
    assert.deepEqual(slow, { sourceId: 'slow', storiesBefore: day(-370).toISOString(), runsBefore: day(29).toISOString(), keepNewest: 80 });
    assert.equal(gone?.sourceId, 'removed', 'a source that left the config is still pruned');
    assert.equal(gone?.keepNewest, 60);
    const defaults = retentionPolicies(configWith(dir, ''), [], day(200)).find((p) => p.sourceId === 'wire')!;
    assert.equal(defaults.storiesBefore, day(20).toISOString(), '180 days');
    assert.equal(defaults.runsBefore, day(170).toISOString(), '30 days');
    assert.equal(defaults.keepNewest, 500, 'a feed page may ask for feeds.maxLimit stories');
  });

  it('prunes on its schedule in batches, logs and counts what went, and stops', async () => {
    const config = configWith(dir, "feeds:\n  maxLimit: 5\nretention:\n  storyDays: 10\n  runDays: 5\n  batchSize: 3\n  schedule: '0 3 * * *'\n");
    const store = new SqliteStore(dir.path('store.db'));
    await store.migrate();
    assert.equal(store.incrementalVacuum, true, 'a new store frees pages in steps');
    const body = 'x'.repeat(20_000);
    for (let i = 0; i < 40; i++) {
      await store.upsertStory(makeStory({ sourceId: 'wire', key: `w${i}`, published: day(i * 0.5).toISOString(), body: { text: body, html: `<p>${body}</p>` } }), day(i * 0.5));
      await store.finishRun(await store.startRun('wire', day(i * 0.5)), day(i * 0.5), { new: 1, updated: 0, failed: 0, error: null });
    }
    const newest = (await store.listStories({ sourceIds: ['wire'], limit: 5 })).map((r) => r.story.id);
    const clock = manualClock(day(25));
    const { log, text } = capturingLogger();
    const metrics = createMetrics({ processMetrics: false });
    const passes: PruneTotals[] = [];
    let passed: () => void = () => {};
    const job = new PruneJob({ store, clock, log, config: () => config, onPruned: (t) => {
      passes.push(t);
      metrics.observePrune(t);
      passed();
    } });
    try {
      job.start();
      const done = new Promise<void>((resolve) => (passed = resolve));
      await clock.sleeping();
      clock.set('2026-01-26T03:00:00.000Z');
      await done;
      // The pass runs at day 25.125: stories dated before day 15.125 go (days 0 to 15, 31 of them).
      assert.equal(passes.length, 1);
      assert.equal(passes[0]!.stories, 31);
      assert.equal(await store.countStories('wire'), 9);
      assert.deepEqual((await store.listStories({ sourceIds: ['wire'], limit: 5 })).map((r) => r.story.id), newest, 'the feed window is untouched');
      assert.equal(passes[0]!.runs, 39, 'every run started before day 20.125 (all 40), but the last success');
      assert.deepEqual(await store.runStats('wire'), { runs: 1, consecutiveFailures: 0 });
      assert.ok(passes[0]!.reclaimedBytes > 0, 'free pages given back');
      assert.equal((await store.storeSize()).freeBytes, 0);
      assert.match(text(), /"stories":31.*"msg":"retention pruned"/);
      const exposed = await metrics.registry.metrics();
      assert.match(exposed, /wirefeed_retention_pruned_rows_total\{table="stories"\} 31/);
      assert.match(exposed, /wirefeed_retention_reclaimed_bytes_total [1-9]/);
    } finally {
      await job.stop();
      await store.close();
    }
    assert.equal(clock.sleepers().length, 0, 'stopped: no more wake-ups');
  });

  it('shows the store size and rows on /status and /metrics', async () => {
    const app = await testApp({ files: { 'a.txt': 'Harbour bridge reopens\n\nThe bridge reopened.' } });
    try {
      await app.scheduler.runNow('inbox');
      const status = await request(app.web).get('/status').expect(200);
      const line = /<p id="store">Store: [\d.]+ MiB; rows: (.*)<\/p>/.exec(status.text)?.[1] ?? '';
      for (const count of ['stories 1', 'source_state 1', 'http_validators 0', 'story_files 1', 'runs 1']) assert.ok(line.split(' · ').includes(count), `${count} in ${line}`);
      const metrics = await request(app.web).get('/metrics').expect(200);
      assert.match(metrics.text, /wirefeed_store_rows\{table="stories"\} 1/);
      assert.match(metrics.text, /wirefeed_store_bytes \d+/);
    } finally {
      await app.dispose();
    }
  });
});
