// A site that changes under a running source: each change is judged within one run,
// announced once as a change of health, and cleared when the site recovers.
import assert from 'node:assert/strict';
import request from 'supertest';
import { nextHealth } from '../../src/schedule/run-health.js';
import { runStats } from '../../src/schedule/story-checks.js';
import type { HealthState, SourceHealth } from '../../src/store/store.js';
import { eventually } from '../support/eventually.js';
import { changingSite, type ChangingSite, type SiteMode } from '../support/changing-site.js';
import { testApp, type TestApp } from '../support/test-app.js';

const GLOBAL = `fetch:\n  retries: 0\n  perHostDelayMs: 0\n  timeoutMs: 1500\n  connectTimeoutMs: 1500\n`;

describe('source health at run time', () => {
  let site: ChangingSite;
  let app: TestApp;

  const hooked: { state: string; previous: string | null; title: string }[] = [];
  before(async () => {
    site = await changingSite();
    site.server.route('/hook', (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooked.push(JSON.parse(body) as (typeof hooked)[number]);
        res.writeHead(204).end();
      });
    });
  });
  after(async () => site?.close());
  beforeEach(async () => {
    hooked.length = 0;
    app = await testApp({ extraConfig: { 'wirefeed.yaml': `${GLOBAL}alerts:\n  webhook: ${site.server.origin}/hook\n`, 'sources/news.yaml': `id: news\ntype: html\nurl: ${site.url}\n` } });
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

      const atom = (await request(app.web).get('/feeds/_health.atom').expect(200).expect('content-type', /application\/atom\+xml/)).text;
      const titles = [...atom.matchAll(/<entry>[\s\S]*?<title[^>]*>([^<]*)<\/title>/g)].map((m) => m[1]);
      assert.deepEqual(titles, [`news recovered (was ${state})`, `news is ${state} (was ok)`], 'in the health feed once, and cleared');
      const json = (await request(app.web).get('/feeds/_health.json').expect(200)).body as { items: { title: string; content_html: string }[] };
      assert.match(json.items[1]!.content_html, reason);
      const rss = (await request(app.web).get('/feeds/_health.rss').expect(200)).text;
      assert.equal(rss.split(`news is ${state} (was ok)`).length - 1, 1);
      const metrics = (await request(app.web).get('/metrics').expect(200)).text;
      assert.match(metrics, /wirefeed_source_health\{source="news",state="ok"\} 1/);
      assert.match(metrics, new RegExp(`wirefeed_source_health\\{source="news",state="${state}"\\} 0`));
      await eventually('both changes POSTed to the webhook', () => hooked.length === 2);
      assert.deepEqual(hooked.map((h) => [h.previous, h.state, h.title]), [['ok', state, `news is ${state} (was ok)`], [state, 'ok', `news recovered (was ${state})`]]);
    });
  }
});

describe('source health: pause and resume', () => {
  let site: ChangingSite;
  let app: TestApp;
  const TOKEN = 'health-admin-token';

  before(async () => {
    site = await changingSite();
    app = await testApp({
      env: { ADMIN_TOKEN: TOKEN },
      extraConfig: { 'wirefeed.yaml': `${GLOBAL}health:\n  pauseAfter: 2\n`, 'sources/news.yaml': `id: news\ntype: html\nurl: ${site.url}\nschedule: "*/5 * * * *"\n` },
    });
  });
  after(async () => {
    await app?.dispose();
    await site?.close();
  });

  it('pauses after pauseAfter failing runs in a row, longer each failing run after, and resumes by the admin API', async () => {
    site.publish('forbidden');
    await app.scheduler.runNow('news');
    assert.equal((await app.store.sourceHealth('news'))?.pausedUntil, null, 'one failing run is no pause');
    app.clock.advance(5 * 60_000);
    await app.scheduler.runNow('news');
    const paused = await app.store.sourceHealth('news');
    const hour = new Date(app.clock.now().getTime() + 3_600_000).toISOString();
    assert.equal(paused?.pausedUntil, hour, 'paused for an hour');
    assert.ok((await app.scheduler.nextRun('news'))! >= new Date(hour), 'no scheduled run before the pause ends');

    app.clock.advance(3_600_000);
    await app.scheduler.runNow('news');
    const twoHours = new Date(app.clock.now().getTime() + 2 * 3_600_000).toISOString();
    assert.equal((await app.store.sourceHealth('news'))?.pausedUntil, twoHours, 'the pause doubles');

    await request(app.web).post('/api/sources/news/resume').expect(401);
    const res = await request(app.web).post('/api/sources/news/resume').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    assert.deepEqual(res.body, { status: 'resumed', sourceId: 'news' });
    assert.equal((await app.store.sourceHealth('news'))?.pausedUntil, null);
    assert.ok((await app.scheduler.nextRun('news'))! < new Date(twoHours), 'runs again before the pause would have ended');
    await request(app.web).post('/api/sources/nope/resume').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });

  it('caps the pause at a day', () => {
    const run = { state: 'unreachable' as const, reason: 'r', example: null, stats: runStats([]) };
    let health = null as SourceHealth | null;
    const at = new Date('2026-03-05T08:00:00Z');
    for (let i = 0; i < 20; i++) health = nextHealth('news', health, run, at, 10).health;
    assert.equal(health?.failingRuns, 20);
    assert.equal(health?.pausedUntil, new Date(at.getTime() + 86_400_000).toISOString());
  });
});
