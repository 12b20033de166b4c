// wirefeed test: the bundled default config passes with no network; a source recorded
// with `wirefeed run ID --record DIR` is tested from its saved pages, and a recording of
// a site whose dates vanished fails with the expectation it misses and an example.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { changingSite, type ChangingSite } from '../support/changing-site.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';

function wirefeed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('wirefeed test', function () {
  this.timeout(120_000);

  it('passes on the bundled default config (a files source: no network), and says so in JSON too', async () => {
    const { code, stdout, stderr } = await wirefeed(['test']);
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /^ok\s+inbox \(files\): \d+ stories; ok$/m);
    assert.match(stdout, /1 sources passed/);
    const json = JSON.parse((await wirefeed(['test', '--json', 'inbox'])).stdout) as { source: string; state: string; failures: unknown[]; stories: number }[];
    assert.deepEqual(json.map((r) => [r.source, r.state, r.failures.length]), [['inbox', 'ok', 0]]);
    assert.ok(json[0]!.stories > 0);
  });

  describe('from recorded pages', () => {
    let site: ChangingSite;
    let dir: TempDir;
    before(async () => {
      site = await changingSite();
      dir = tempDir();
      dir.write('config/wirefeed.yaml', 'fetch:\n  retries: 0\n  perHostDelayMs: 0\n');
      dir.write('config/sources/news.yaml', `id: news\ntype: html\nurl: ${site.url}\nexpect:\n  minStoriesPerRun: 2\n  sample: { url: "${site.server.origin}/news/1-1", contains: "paragraph 3 tells readers" }\n`);
      const env = { WIREFEED_CONFIG: dir.path('config') };
      site.publish('ok');
      assert.equal((await wirefeed(['run', 'news', '--record', dir.path('good')], env)).code, 0);
      site.publish('no-dates');
      const recorded = await wirefeed(['run', 'news', '--record', dir.path('dateless')], env);
      assert.equal(recorded.code, 0, recorded.stderr);
      assert.match(recorded.stdout, /news: recorded to .*dateless; 3 stories, degraded/);
      // From here on, no network: the site is gone.
      await site.close();
    });
    after(() => dir?.remove());

    it('passes on pages recorded while the site was well', async () => {
      assert.ok(existsSync(dir.path('good/pages.json')));
      const pages = JSON.parse(readFileSync(dir.path('good/pages.json'), 'utf8')) as { url: string }[];
      assert.ok(pages.some((p) => p.url === site.url), 'the listing is saved');
      const { code, stdout } = await wirefeed(['test', '--fixtures', dir.path('good')], { WIREFEED_CONFIG: dir.path('config') });
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^ok\s+news \(html\): 3 stories; ok$/m);
    });

    it('fails on pages recorded after the dates vanished: the expectation, with an example, exit 1', async () => {
      const { code, stdout } = await wirefeed(['test', 'news', '--fixtures', dir.path('dateless')], { WIREFEED_CONFIG: dir.path('config') });
      assert.equal(code, 1, stdout);
      assert.match(stdout, /^FAIL\s+news \(html\): 3 stories; degraded$/m);
      assert.match(stdout, /withDate: 0% of stories have a date, expected at least 50%\n\s+e\.g\. http:\/\/127\.0\.0\.1:\d+\/news\/2-1\n/);
      assert.match(stdout, /1 of 1 sources failed/);
      const json = JSON.parse((await wirefeed(['test', '--json', '--fixtures', dir.path('dateless')], { WIREFEED_CONFIG: dir.path('config') })).stdout) as { failures: { check: string; examples: string[] }[] }[];
      assert.deepEqual(json[0]!.failures.map((f) => f.check), ['withDate'], 'the sample page still holds its phrase');
    });
  });
});
