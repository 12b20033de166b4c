// A story page in a real browser (Debian's chromium driven by playwright-core) at a phone
// width and a desktop width: it lays out without sideways scrolling, the picture fits, the
// text is a readable size and measure, and the page asks for nothing beyond itself.
// WIREFEED_SCREENSHOT_DIR=<dir> keeps a screenshot of each width there to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { listen } from '../../src/app.js';
import { chromiumMissing, launchChromium } from '../support/headless-chromium.js';
import { suiteUnavailable } from '../support/skip-unavailable.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { testApp, type TestApp } from '../support/test-app.js';


/** A 1200x675 PNG of one colour, inline: the page fetches nothing from elsewhere. */
function pngDataUrl(width: number, height: number): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [70, 110, 150]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const STORY = {
  title: 'Tokyo holds its largest earthquake drill in a decade, with 40,000 residents taking part',
  dateline: { text: 'TOKYO, Japan' },
  credits: [
    { name: 'Jane Smith', role: 'author' },
    { name: 'Feng Li', role: 'photographer' },
  ],
  images: [{ url: pngDataUrl(1200, 675), caption: 'A rescue worker carries a volunteer on a stretcher during the drill.', credit: 'Feng Li/Getty Images' }],
  body: {
    html:
      "<p>More than 40,000 residents took part in the city's largest earthquake drill in a decade on Monday, officials said.</p>" +
      "<p>Sirens sounded across Tokyo Bay at 9 a.m., and residents walked to the evacuation points marked on the city's hazard maps.</p>" +
      '<p>"We rehearse so that nobody has to think when the ground shakes," said Haruto Sato, who runs the city\'s disaster office.</p>',
  },
  published: '2026-03-02T09:30:00Z',
  categories: ['Japan', 'Disasters'],
};

describe('a story page in headless Chromium', function () {
  this.timeout(60_000);
  if (suiteUnavailable(chromiumMissing())) return;

  let app: TestApp;
  let server: Server;
  let profile: TempDir;
  let browser: BrowserContext;
  let pageUrl: string;

  before(async () => {
    app = await testApp({ files: { 'drill.json': JSON.stringify(STORY) } });
    await app.scheduler.runNow('inbox');
    server = await listen(app, 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [stored] = await app.store.listStories({ sourceIds: ['inbox'], limit: 1 });
    assert.ok(stored, 'the story is stored');
    pageUrl = `${base}/stories/${stored.story.id}`;
    profile = tempDir('wirefeed-chromium-');
    browser = await launchChromium(profile.root);
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await app?.dispose();
    profile?.remove();
  });

  for (const width of [375, 1280]) {
    it(`lays out readably at ${width} px`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      const requested: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      const res = await page.goto(pageUrl);
      assert.equal(res?.status(), 200);
      assert.deepEqual(requested.filter((u) => !u.startsWith('data:')), [pageUrl], 'no script, style, font or image from anywhere');
      assert.deepEqual(problems, []);

      // No functions declared inside evaluate: the test transpiler would name them with a helper the page lacks.
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        h1: document.querySelector('h1')!.getBoundingClientRect().toJSON() as DOMRect,
        img: document.querySelector('figure img')!.getBoundingClientRect().toJSON() as DOMRect,
        imgLoaded: (document.querySelector('figure img') as HTMLImageElement).naturalWidth,
        caption: document.querySelector('figcaption')!.getBoundingClientRect().toJSON() as DOMRect,
        lead: document.querySelector('article > p')!.getBoundingClientRect().toJSON() as DOMRect,
        fontSize: parseFloat(getComputedStyle(document.querySelector('article > p')!).fontSize),
      }));
      const measure = layout.lead.width / layout.fontSize;
      assert.ok(layout.scrollWidth <= width, `no sideways scrolling (${layout.scrollWidth} > ${width})`);
      assert.ok(layout.h1.width > 0 && layout.h1.right <= width, 'the headline fits');
      assert.equal(layout.imgLoaded, 1200, 'the picture loaded');
      assert.ok(layout.img.width <= width - 16 && layout.img.width >= Math.min(width - 48, 600), `the picture fits the column (${layout.img.width})`);
      assert.ok(layout.caption.top >= layout.img.bottom, 'the caption under the picture');
      assert.ok(layout.lead.top > layout.caption.bottom, 'the lead after the figure');
      assert.ok(layout.fontSize >= 16, `body text at least 16 px (${layout.fontSize})`);
      assert.ok(measure <= 42, `a readable measure (${measure} em)`);
      const dir = process.env.WIREFEED_SCREENSHOT_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, `story-${width}.png`), fullPage: true });
      }
      await page.close();
    });
  }
});
