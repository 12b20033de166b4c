// A site that changes under a running source: each change is judged within one run,
// announced once as a change of health, and cleared when the site recovers.
import assert from 'node:assert/strict';
import type { HealthState } from '../../src/store/store.js';
import { changingSite, type ChangingSite, type SiteMode } from '../support/changing-site.js';
import { testApp, type TestApp } from '../support/test-app.js';

const GLOBAL = `fetch:\n  retries: 0\n  perHostDelayMs: 0\n  timeoutMs: 1500\n  connectTimeoutMs: 1500\n`;

describe('source health at run time', () => {
  let site: ChangingSite;
  let app: TestApp;

  before(async () => {
    site = await changingSite();
  });
  after(async () => site?.close());
  beforeEach(async () => {
    app = await testApp({ extraConfig: { 'wirefeed.yaml': GLOBAL, 'sources/news.yaml': `id: news\ntype: html\nurl: ${site.url}\n` } });
  });
  afterEach(async () => app?.dispose());

  async function runAs(mode: SiteMode): Promise<HealthState> {
    site.publish(mode);
    app.clock.advance(15 * 60_000);
    const outcome = await app.scheduler.runNow('news');
    assert.ok(outcome.health, 'the run was judged');
    return outcome.health.run.state;
  }

  const cases: [SiteMode, HealthState, RegExp][] = [
    ['no-bodies', 'broken', /could not be parsed or extracted/],
    ['no-dates', 'degraded', /have a date/],
    ['forbidden', 'blocked', /refuses/],
    ['challenge', 'blocked', /Just a moment/],
    ['slow', 'unreachable', /cannot be reached/],
    ['down', 'unreachable', /cannot be reached/],
    ['empty', 'empty', /no stories/],
  ];
  for (const [mode, state, reason] of cases) {
    it(`${mode}: ${state} within one run, one change of health, cleared on recovery`, async () => {
      assert.equal(await runAs('ok'), 'ok');
      assert.equal(await runAs(mode), state);
      const health = await app.store.sourceHealth('news');
      assert.equal(health?.state, state);
      assert.match(health?.reason ?? '', reason);
      assert.ok(health?.example, 'an example is kept');
      assert.equal(await runAs(mode), state, 'still the same the next run');
      assert.equal(await runAs('ok'), 'ok');
      const events = (await app.store.healthEvents(10)).reverse();
      assert.deepEqual(
        events.map((e) => [e.previous, e.state]),
        [[null, state], [state, 'ok']].map(([p, s]) => [p === null ? 'ok' : p, s]),
        'one change to the bad state and one back, whatever the runs in between',
      );
      assert.equal((await app.store.sourceHealth('news'))?.since, app.clock.now().toISOString(), 'ok since the recovery');
    });
  }
});
