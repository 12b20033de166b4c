import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { dailySeries } from '../../src/server/source-report.js';
import { CHART_DAYS, storiesChart } from '../../src/server/status-page.js';
import { testApp, type TestApp } from '../support/test-app.js';

describe('GET /status', () => {
  let app: TestApp;
  before(async () => {
    app = await testApp({
      files: { 'a.txt': 'Alpha\n\nFirst.\n', 'b.txt': 'Beta\n\nSecond.\n' },
      extraConfig: { 'sources/broken.yaml': 'id: broken\ntype: files\npath: /nonexistent/wirefeed-folder\n' },
    });
    await app.scheduler.runNow('inbox');
    app.clock.advance(25 * 3600_000);
    app.dir.write('stories/c.txt', 'Gamma\n\nThird <story>.\n');
    await app.scheduler.runNow('inbox');
    await app.scheduler.runNow('broken');
  });
  after(async () => app.dispose());

  it('is a self-contained HTML page: no scripts, no external resources', async () => {
    const res = await request(app.web).get('/status').expect(200).expect('content-type', /text\/html/);
    assert.match(res.headers['content-security-policy'] ?? '', /default-src 'none'/);
    const $ = cheerio.load(res.text);
    assert.equal($('script').length, 0);
    assert.equal($('link[rel=stylesheet]').length, 0);
    assert.ok(!/@import|@font-face|url\(/.test($('style').text()));
  });

  it('has a row per source with status, counts and a chart of stories per day', async () => {
    const $ = cheerio.load((await request(app.web).get('/status')).text);
    const row = (id: string) => $(`#sources tr[data-source="${id}"] td`).map((_i, td) => $(td).text().trim()).get();
    const inbox = row('inbox');
    assert.equal(inbox[0], 'inbox');
    assert.match(inbox[1] ?? '', /^ok/, 'health column after the source');
    assert.equal(inbox[4], 'ok');
    assert.deepEqual(inbox.slice(7, 14), ['1', '0', '0', '2', '0', '3', '1'], 'last run new/updated/failed, runs, failures, stories, 24 h');
    const broken = row('broken');
    assert.match(broken[4] ?? '', /^failed\s*cannot read folder/);
    assert.match(broken[1] ?? '', /^misconfigured\s*the configured path does not exist/, 'health in a plain word and reason');
    const bars = $('#sources tr[data-source="inbox"] svg.chart rect');
    assert.equal(bars.length, CHART_DAYS);
    assert.deepEqual(bars.slice(-2).map((_i, r) => $(r).find('title').text()).get(), ['2026-03-05: 2', '2026-03-06: 1']);
  });

  it('scales bars to the busiest day and keeps empty days visible', () => {
    const svg = storiesChart('x', [
      { day: '2026-03-01', count: 0 },
      { day: '2026-03-02', count: 4 },
      { day: '2026-03-03', count: 2 },
    ]);
    const $ = cheerio.load(svg, { xml: true });
    const heights = $('rect').map((_i, r) => Number($(r).attr('height'))).get();
    assert.deepEqual(heights, [1, 38, 19]);
    assert.equal($('svg').attr('aria-label'), 'Stories per day for x: 6 in 3 days');
  });

  it('fills the days without stories with zeros, oldest first', () => {
    const series = dailySeries([{ day: '2026-03-04', count: 3 }], new Date('2026-03-05T10:00:00Z'), 3);
    assert.deepEqual(series, [
      { day: '2026-03-03', count: 0 },
      { day: '2026-03-04', count: 3 },
      { day: '2026-03-05', count: 0 },
    ]);
  });
});
