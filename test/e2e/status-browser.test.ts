// /status in a real browser: Debian's chromium driven by playwright-core. Checks what
// only a browser can: the table lays out, the SVG charts render with size and colour,
// and the page asks for nothing beyond itself (no scripts, fonts or styles elsewhere).
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { listen } from '../../src/app.js';
import { CHART_DAYS } from '../../src/server/status-page.js';
import { chromiumMissing, launchChromium } from '../support/headless-chromium.js';
import { suiteUnavailable } from '../support/skip-unavailable.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';

describe('/status in headless Chromium', function () {
  this.timeout(60_000);
  if (suiteUnavailable(chromiumMissing())) return;

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
    browser = await launchChromium(profile.root);
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
    assert.equal(inbox[4], 'ok');
    assert.equal(inbox[12], '3', 'stories');
    const broken = await page.locator('tr[data-source="broken"] td').allInnerTexts();
    assert.match(broken[4] ?? '', /failed/);
    assert.equal(await page.locator('tr[data-source="broken"] td.failed').evaluate((td) => getComputedStyle(td).color), 'rgb(179, 38, 30)');

    for (const id of ['inbox', 'broken']) {
      const chart = page.locator(`tr[data-source="${id}"] svg.chart`);
      const box = await chart.boundingBox();
      assert.ok(box && box.width >= 100 && box.height >= 30, `${id}: the chart has a size (${JSON.stringify(box)})`);
      assert.equal(await chart.locator('rect.bar, rect.empty').count(), CHART_DAYS);
    }
    // Bars are drawn with the stylesheet's colour and scaled to the busiest day.
    const bars = await page.locator('tr[data-source="inbox"] svg.chart rect.bar').evaluateAll((rects) =>
      rects.map((r) => ({ fill: getComputedStyle(r).fill, height: (r as SVGRectElement).getBBox().height })),
    );
    assert.deepEqual(bars.map((b) => b.fill), ['rgb(59, 110, 165)', 'rgb(59, 110, 165)']);
    assert.deepEqual(bars.map((b) => b.height), [38, 19]);
    await page.close();
  });

  it('shows each source health in colour with a plain-word reason, and marks the days with failed runs under the chart', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 420 });
    await page.goto(`${base}/status`);
    const headers = await page.locator('#sources thead th').allInnerTexts();
    assert.equal(headers[1], 'Health');
    const health = (id: string) => page.locator(`tr[data-source="${id}"] td.health`);
    assert.match(await health('inbox').innerText(), /^ok\s+1 story read\s+since 2026-03-05 08:00 UTC$/, "ok since its first run: the second changed nothing");
    assert.match(await health('broken').innerText(), /^misconfigured\s+the configured path does not exist\s+e\.g\. cannot read folder \[path\]/, 'the example redacted for the public');
    const colour = (id: string) => health(id).locator('.word').evaluate((el) => getComputedStyle(el).color);
    assert.equal(await colour('inbox'), 'rgb(23, 105, 47)');
    assert.equal(await colour('broken'), 'rgb(179, 38, 30)');
    const dot = await health('broken').evaluate((td) => getComputedStyle(td, '::before').backgroundColor);
    assert.equal(dot, 'rgb(179, 38, 30)', 'a red dot before the word');

    const marks = page.locator('tr[data-source="broken"] svg.chart rect.failed-runs');
    assert.equal(await marks.count(), 1, 'one day with failed runs');
    assert.equal(await marks.evaluate((r) => getComputedStyle(r).fill), 'rgb(179, 38, 30)');
    assert.match(await marks.locator('title').textContent() ?? '', /1 failed, 0 degraded runs/);
    const box = await marks.boundingBox();
    assert.ok(box && box.width >= 8 && box.height >= 3, `the mark has a size (${JSON.stringify(box)})`);
    assert.equal(await page.locator('tr[data-source="inbox"] svg.chart rect.failed-runs, tr[data-source="inbox"] svg.chart rect.degraded-runs').count(), 0);
    if (process.env.WIREFEED_STATUS_SCREENSHOT) await page.screenshot({ path: process.env.WIREFEED_STATUS_SCREENSHOT, fullPage: true });
    await page.close();
  });
});
