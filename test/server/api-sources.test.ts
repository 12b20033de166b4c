import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { parseGate } from '../support/parse-gate.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testThreads } from '../support/test-app.js';

const TOKEN = 'admin-secret-token-0123456789';

describe('/api/sources', () => {
  let dir: TempDir;
  let app: App;
  const clock = fixedClock('2026-03-05T08:00:00.000Z');
  /** Story files parse on the shared thread, through a gate a test may hold shut. */
  let gate: ReturnType<typeof parseGate>;

  before(async () => {
    dir = tempDir();
    dir.write('config/sources/inbox.yaml', `id: inbox\ntype: files\npath: ${dir.path('stories')}\nschedule: "*/5 * * * *"\n`);
    dir.write('config/sources/broken.yaml', `id: broken\ntype: files\npath: ${dir.path('missing')}\n`);
    dir.write('config/sources/paused.yaml', `id: paused\ntype: files\npath: ${dir.path('stories')}\nenabled: false\n`);
    dir.write('stories/one.txt', 'One\n\nFirst story.\n');
    dir.write('stories/two.txt', 'Two\n\nSecond story.\n');
    dir.write('stories/bad.json', '{ not json');
    // Settled by the app's clock (the files source judges a file's age by it): the first
    // run moves it to failed/, so later runs parse only the files a test adds.
    const settled = new Date(clock.now().getTime() - 3_600_000);
    utimesSync(dir.path('stories/bad.json'), settled, settled);
    const threads = testThreads();
    gate = parseGate(threads.parser);
    app = await createApp({
      env: { DATABASE_URL: 'file::memory:', ADMIN_TOKEN: TOKEN },
      configDir: dir.path('config'),
      clock,
      log: silentLogger(),
      processMetrics: false,
      renderer: threads.renderer,
      parser: gate.parser,
    });
    await app.scheduler.runNow('inbox');
    await app.scheduler.runNow('broken');
    await app.scheduler.runNow('broken');
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('lists every source with exactly the documented fields', async () => {
    const res = await request(app.web).get('/api/sources').expect(200).expect('content-type', /json/);
    const list = res.body as Record<string, unknown>[];
    assert.deepEqual(list.map((s) => s.id), ['broken', 'inbox', 'paused']);
    for (const s of list) {
      assert.deepEqual(Object.keys(s).sort(), ['consecutiveFailures', 'enabled', 'example', 'health', 'id', 'lastRun', 'nextRun', 'pausedUntil', 'reason', 'runs', 'schedule', 'since', 'stories', 'stories24h', 'type']);
    }
    const inbox = list.find((s) => s.id === 'inbox')!;
    assert.deepEqual(inbox, {
      id: 'inbox',
      type: 'files',
      schedule: '*/5 * * * *',
      enabled: true,
      nextRun: inbox.nextRun,
      lastRun: {
        startedAt: '2026-03-05T08:00:00.000Z',
        finishedAt: '2026-03-05T08:00:00.000Z',
        status: 'ok',
        new: 2,
        updated: 0,
        failed: 1,
        error: null,
      },
      runs: 1,
      consecutiveFailures: 0,
      stories: 2,
      stories24h: 2,
      health: 'ok',
      reason: '2 stories read',
      since: '2026-03-05T08:00:00.000Z',
      example: null,
      pausedUntil: null,
    });
    assert.ok(typeof inbox.nextRun === 'string' && new Date(inbox.nextRun).getUTCMinutes() % 5 === 0, String(inbox.nextRun));
  });

  it('shows health with its reason, since when and an example, the example redacted like run errors without the admin token', async () => {
    const get = async (auth?: string) => {
      const req = request(app.web).get('/api/sources');
      const list = (await (auth ? req.set('Authorization', auth) : req).expect(200)).body as Record<string, any>[];
      return list.find((s) => s.id === 'broken')!;
    };
    const whole = await get(`Bearer ${TOKEN}`);
    assert.equal(whole.health, 'misconfigured');
    assert.equal(whole.reason, 'the configured path does not exist');
    assert.match(whole.example, /cannot read folder .*missing/);
    assert.equal(typeof whole.since, 'string');
    const open = await get();
    assert.equal(open.health, 'misconfigured');
    assert.match(open.example, /cannot read folder \[path\]/);
    assert.doesNotMatch(open.example, /missing/);
  });

  it('shows failures, their error (whole to the admin token) and the default schedule', async () => {
    const list = (await request(app.web).get('/api/sources').set('Authorization', `Bearer ${TOKEN}`).expect(200)).body as Record<string, any>[];
    const broken = list.find((s) => s.id === 'broken')!;
    assert.equal(broken.runs, 2);
    assert.equal(broken.consecutiveFailures, 2);
    assert.equal(broken.lastRun.status, 'failed');
    assert.match(broken.lastRun.error, /cannot read folder .*missing/);
    assert.equal(broken.schedule, '*/15 * * * *');
    const paused = list.find((s) => s.id === 'paused')!;
    assert.equal(paused.enabled, false);
    assert.equal(paused.nextRun, null);
    assert.equal(paused.lastRun, null);
  });

  describe('POST /api/sources/:id/run', () => {
    it('refuses without the token, with a wrong one and with another scheme, revealing nothing', async () => {
      const answers = await Promise.all([
        request(app.web).post('/api/sources/inbox/run'),
        request(app.web).post('/api/sources/inbox/run').set('Authorization', 'Bearer wrong'),
        request(app.web).post('/api/sources/inbox/run').set('Authorization', `Bearer ${TOKEN}x`),
        request(app.web).post('/api/sources/nope/run').set('Authorization', `Basic ${TOKEN}`),
      ]);
      for (const res of answers) {
        assert.equal(res.status, 401);
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="wirefeed"');
        assert.deepEqual(res.body, { error: 'UNAUTHORIZED', message: 'unauthorized' });
        assert.ok(!res.text.includes(TOKEN.slice(0, 8)));
      }
      assert.equal((await app.store.runStats('inbox')).runs, 1, 'nothing ran');
    });

    it('starts a run with the token, answers 202, and the run shows up', async () => {
      dir.write('stories/three.txt', 'Three\n\nThird story.\n');
      const held = gate.hold();
      const res = await request(app.web).post('/api/sources/inbox/run').set('Authorization', `Bearer ${TOKEN}`).expect(202);
      assert.deepEqual(res.body, { status: 'started', sourceId: 'inbox' });
      assert.equal(await held.entered, 'three.txt', 'the run started');
      assert.ok(app.scheduler.isRunning('inbox'));
      held.release();
      // Polled until the run's row is closed; the suite's timeout is the hang guard.
      while ((await app.store.runStats('inbox')).runs < 2 || app.scheduler.isRunning('inbox')) await new Promise((r) => setTimeout(r, 20));
      assert.equal((await app.store.lastRun('inbox'))?.new, 1);
    });

    it('answers 404 for an unknown source and 409 while one runs', async () => {
      await request(app.web).post('/api/sources/nope/run').set('Authorization', `Bearer ${TOKEN}`).expect(404);
      // A run held open at its new file's parse until the 409 is in.
      dir.write('stories/four.txt', 'Four\n\nFourth story.\n');
      const held = gate.hold();
      const running = app.scheduler.runNow('inbox');
      assert.equal(await held.entered, 'four.txt');
      const res = await request(app.web).post('/api/sources/inbox/run').set('Authorization', `Bearer ${TOKEN}`).expect(409);
      assert.equal(res.body.error, 'RUN_IN_PROGRESS');
      held.release();
      assert.equal((await running).new, 1, 'the held run then ends as usual');
    });

    it('is disabled (403) when ADMIN_TOKEN is not set', async () => {
      const other = await createApp({ env: { DATABASE_URL: 'file::memory:' }, configDir: dir.path('config'), log: silentLogger(), processMetrics: false, ...testThreads() });
      try {
        const res = await request(other.web).post('/api/sources/inbox/run').set('Authorization', 'Bearer anything').expect(403);
        assert.equal(res.body.error, 'ADMIN_DISABLED');
      } finally {
        await other.close();
      }
    });
  });
});
