// The health role: run verdicts on their rows, the source's health and pause, changes of health.
import assert from 'node:assert/strict';
import type { HealthEvent, RunHealth, SourceHealth, Store } from '../../../src/store/store.js';
import { T0, T1, type StoreUnderTest } from './store-under-test.js';

const STATS = { stories: 3, withDate: 1, withByline: 0.5, withDateline: null, withImage: 0, medianBody: 900 };

function verdict(state: RunHealth['state'], reason = `${state} reason`): RunHealth {
  return { state, reason, example: 'https://example.com/a', stats: STATS };
}

function health(state: SourceHealth['state'], overrides: Partial<SourceHealth> = {}): SourceHealth {
  return { sourceId: 'site', state, reason: `${state} reason`, example: null, since: T0.toISOString(), checkedAt: T1.toISOString(), failingRuns: 0, pausedUntil: null, ...overrides };
}

export function healthContract(s: StoreUnderTest): void {
  describe('health', () => {
    let store: Store;
    beforeEach(() => {
      store = s.store;
    });

    async function judgedRun(state: RunHealth['state'], at: Date): Promise<number> {
      const id = await store.startRun('site', at);
      await store.finishRun(id, at, { new: 1, updated: 0, failed: 0, error: null });
      await store.recordHealth(id, verdict(state), health(state), null);
      return id;
    }

    it('keeps one health per source, replaced by each verdict', async () => {
      assert.equal(await store.sourceHealth('site'), null);
      await store.recordHealth(null, verdict('ok'), health('ok'), null);
      await store.recordHealth(null, verdict('blocked'), health('blocked', { failingRuns: 2, pausedUntil: T1.toISOString(), example: 'HTTP 403' }), null);
      assert.deepEqual(await store.sourceHealth('site'), health('blocked', { failingRuns: 2, pausedUntil: T1.toISOString(), example: 'HTTP 403' }));
      assert.equal(await store.sourceHealth('other'), null);
    });

    it('records changes of health as events, newest first, with ids', async () => {
      const first: Omit<HealthEvent, 'id'> = { sourceId: 'site', at: T0.toISOString(), state: 'ok', previous: null, reason: 'fine', example: null };
      const second: Omit<HealthEvent, 'id'> = { sourceId: 'site', at: T1.toISOString(), state: 'empty', previous: 'ok', reason: 'no stories', example: 'https://example.com/' };
      const a = await store.recordHealth(null, verdict('ok'), health('ok'), first);
      assert.equal(await store.recordHealth(null, verdict('ok'), health('ok'), null), null, 'no change, no event');
      const b = await store.recordHealth(null, verdict('empty'), health('empty'), second);
      assert.ok(a && b && b.id > a.id);
      assert.deepEqual(await store.healthEvents(10), [b, a]);
      assert.deepEqual(await store.healthEvents(1), [b]);
      assert.deepEqual(b, { id: b.id, ...second });
    });

    it('puts each verdict on its run row and reads the recent ones back, newest first', async () => {
      const older = await judgedRun('ok', T0);
      const newer = await judgedRun('degraded', T1);
      const unjudged = await store.startRun('site', T1);
      await store.finishRun(unjudged, T1, { new: 0, updated: 0, failed: 0, error: null });
      const rows = await store.recentRunHealth('site', 5);
      assert.deepEqual(rows.map((r) => [r.runId, r.health.state]), [[newer, 'degraded'], [older, 'ok']]);
      assert.deepEqual(rows[0]!.health, verdict('degraded'));
      assert.equal(rows[0]!.finishedAt, T1.toISOString());
      assert.equal((await store.recentRunHealth('site', 1)).length, 1);
      assert.deepEqual(await store.recentRunHealth('other', 5), []);
    });

    it('counts judged runs per day and state since a time', async () => {
      await judgedRun('ok', T0);
      await judgedRun('ok', T1);
      await judgedRun('blocked', T1);
      await judgedRun('ok', new Date('2026-03-05T09:00:00.000Z'));
      assert.deepEqual(await store.runHealthPerDay('site', new Date('2026-03-04T00:00:00.000Z')), [
        { day: '2026-03-04', state: 'blocked', count: 1 },
        { day: '2026-03-04', state: 'ok', count: 2 },
        { day: '2026-03-05', state: 'ok', count: 1 },
      ]);
      assert.deepEqual(await store.runHealthPerDay('site', new Date('2026-03-05T00:00:00.000Z')), [{ day: '2026-03-05', state: 'ok', count: 1 }]);
    });

    it('resumes a paused source: pause and failing streak cleared, once', async () => {
      assert.equal(await store.resumeSource('site'), false, 'no health yet');
      await store.recordHealth(null, verdict('unreachable'), health('unreachable', { failingRuns: 10, pausedUntil: T1.toISOString() }), null);
      assert.equal(await store.resumeSource('site'), true);
      assert.deepEqual(await store.sourceHealth('site'), health('unreachable', { failingRuns: 0, pausedUntil: null }));
      assert.equal(await store.resumeSource('site'), false, 'not paused any more');
    });
  });
}
