import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createApp, type App } from '../../src/app.js';
import { eventually } from '../support/eventually.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testThreads } from '../support/test-app.js';

// Every effect below is polled for (eventually), never slept for.

describe('hot config reload', () => {
  let dir: TempDir;
  let app: App;
  let logLines: Record<string, unknown>[];

  const status = async (path: string) => (await request(app.web).get(path)).status;
  const sourceFile = (id: string, extra = '') => `id: ${id}\ntype: files\npath: ${dir.path('stories')}\n${extra}`;

  beforeEach(async () => {
    dir = tempDir();
    dir.write('config/sources/inbox.yaml', sourceFile('inbox', 'title: Wire inbox\n'));
    dir.write('stories/a.txt', 'Alpha\n\nFirst story.\n');
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    app = await createApp({
      env: { DATABASE_URL: 'file::memory:' },
      configDir: dir.path('config'),
      log: pino({ level: 'info' }, sink),
      processMetrics: false,
      scheduler: { maxJitterMs: 0 },
      ...testThreads(),
    });
    app.scheduler.start();
    app.watchConfig({ debounceMs: 50 });
  });
  afterEach(async () => {
    await app.close(1_000);
    dir.remove();
  });

  it('adds a source dropped into config/sources/: its feed is served and it runs', async () => {
    await request(app.web).get('/feeds/desk.rss').expect(404);
    dir.write('config/sources/desk.yaml', sourceFile('desk', 'title: News desk\n'));
    await eventually('the new feed is served', async () => (await status('/feeds/desk.rss')) === 200);
    await eventually('the new source ran', async () => (await app.store.countStories('desk')) === 1);
    const list = (await request(app.web).get('/api/sources')).body as { id: string }[];
    assert.deepEqual(list.map((s) => s.id), ['desk', 'inbox']);
    assert.ok(logLines.some((l) => l.msg === 'config reloaded' && l.sources === 2));
  });

  it('applies a changed source file', async () => {
    await eventually('start-up run', async () => (await app.store.countStories('inbox')) === 1);
    dir.write('config/sources/inbox.yaml', sourceFile('inbox', 'title: Renamed desk\nschedule: "*/5 * * * *"\n'));
    await eventually('the new title is served', async () =>
      (await request(app.web).get('/feeds/inbox.rss')).text.includes('<title>Renamed desk</title>'),
    );
    assert.equal(app.config.sources[0]?.schedule, '*/5 * * * *');
    assert.ok((await app.scheduler.nextRun('inbox'))!.getUTCMinutes() % 5 === 0, 'rescheduled');
  });

  it('removes a source whose file is deleted', async () => {
    dir.write('config/sources/desk.yaml', sourceFile('desk'));
    await eventually('added', async () => (await status('/feeds/desk.rss')) === 200);
    rmSync(dir.path('config/sources/desk.yaml'));
    await eventually('the feed is gone', async () => (await status('/feeds/desk.rss')) === 404);
    assert.equal(await app.scheduler.nextRun('desk'), null, 'unscheduled');
  });

  it('applies a combined feed added to config/feeds/, a folder created after start', async () => {
    dir.write('config/feeds/all.yaml', 'id: all\ntitle: Everything\nsources: [inbox]\n');
    await eventually('the combined feed is served', async () => (await status('/feeds/all.json')) === 200);
  });

  it('rejects an invalid file with one log line naming file, field and problem; the last good config keeps running', async () => {
    dir.write('config/sources/inbox.yaml', sourceFile('inbox', 'title: Wire inbox\nschedule: "every minute"\n'));
    await eventually('the rejection is logged', () => logLines.some((l) => l.msg === 'config change rejected'));
    const rejected = () => logLines.filter((l) => l.msg === 'config change rejected');
    assert.equal(rejected()[0]?.level, 50, 'logged as an error');
    assert.match(String(rejected()[0]?.problem), /(^|\/)config\/sources\/inbox\.yaml: schedule: not a valid cron expression/);
    assert.equal(app.config.sources[0]?.schedule, undefined, 'the last good version is still live');
    await request(app.web).get('/feeds/inbox.rss').expect(200);

    dir.write('config/sources/inbox.yaml', sourceFile('inbox', 'title: Fixed\n'));
    await eventually('the fixed file is applied', () => app.config.sources[0]?.title === 'Fixed');
    // Every event of the bad save came before those of the fix: none logged it again.
    assert.equal(rejected().length, 1, JSON.stringify(rejected()));
  });
});
