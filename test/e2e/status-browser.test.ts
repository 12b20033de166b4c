// /status in a real browser: Debian's chromium driven by playwright-core. Checks what
// only a browser can: the table lays out, the SVG charts render with size and colour,
// and the page asks for nothing beyond itself (no scripts, fonts or styles elsewhere).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext } from 'playwright-core';
import { listen } from '../../src/app.js';
import { CHART_DAYS } from '../../src/server/status-page.js';
import { suiteUnavailable } from '../support/skip-unavailable.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('/status in headless Chromium', function () {
  this.timeout(60_000);
  if (suiteUnavailable(!existsSync(CHROMIUM) && `${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`)) return;

  let app: TestApp;
  let server: Server;
  let profile: TempDir;
  let browser: BrowserContext;
  let base: string;

  before(async () => {
    app = await testApp({
      files: { 'a.txt': 'Alpha\n\nFirst.\n', 'b.txt': 'Beta\n\nSecond.\n' },
      extraConfig: { 'sources/broken.yaml': 'id: broken\ntype: files\npath: /nonexistent/wirefeed-status\n' },
    });
    await app.scheduler.runNow('inbox');
    app.clock.advance(2 * 24 * 3600_000);
    app.dir.write('stories/c.txt', 'Gamma\n\nThird.\n');
    await app.scheduler.runNow('inbox');
    await app.scheduler.runNow('broken');
    server = await listen(app, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = tempDir('wirefeed-chromium-');
    // A fresh profile each run: nothing cached or remembered between runs.
    browser = await chromium.launchPersistentContext(profile.root, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await app?.dispose();
    profile?.remove();
  });

  it('shows the table and renders a chart of stories per day for every source', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${base}/status`);
    assert.equal(res?.status(), 200);

    assert.deepEqual(requested.filter((u) => !u.startsWith(base)), [], 'nothing fetched from elsewhere');
    assert.deepEqual(requested, [`${base}/status`], 'no script, style, font or image requests at all');
    assert.deepEqual(problems, []);

    const rows = page.locator('#sources tbody tr');
    assert.equal(await rows.count(), 2);
    const headers = await page.locator('#sources thead th').allInnerTexts();
    assert.ok(headers.includes('Stories') && headers.includes('Next run') && headers.includes('Failures in a row'), headers.join('|'));
    const inbox = await page.locator('tr[data-source="inbox"] td').allInnerTexts();
    assert.equal(inbox[0], 'inbox');
    assert.equal(inbox[3], 'ok');
    assert.equal(inbox[11], '3', 'stories');
    const broken = await page.locator('tr[data-source="broken"] td').allInnerTexts();
    assert.match(broken[3] ?? '', /failed/);
    assert.equal(await page.locator('tr[data-source="broken"] td.failed').evaluate((td) => getComputedStyle(td).color), 'rgb(179, 38, 30)');

    for (const id of ['inbox', 'broken']) {
      const chart = page.locator(`tr[data-source="${id}"] svg.chart`);
      const box = await chart.boundingBox();
      assert.ok(box && box.width >= 100 && box.height >= 30, `${id}: the chart has a size (${JSON.stringify(box)})`);
      assert.equal(await chart.locator('rect').count(), CHART_DAYS);
    }
    // Bars are drawn with the stylesheet's colour and scaled to the busiest day.
    const bars = await page.locator('tr[data-source="inbox"] svg.chart rect.bar').evaluateAll((rects) =>
      rects.map((r) => ({ fill: getComputedStyle(r).fill, height: (r as SVGRectElement).getBBox().height })),
    );
    assert.deepEqual(bars.map((b) => b.fill), ['rgb(59, 110, 165)', 'rgb(59, 110, 165)']);
    assert.deepEqual(bars.map((b) => b.height), [38, 19]);
    await page.close();
  });
});
