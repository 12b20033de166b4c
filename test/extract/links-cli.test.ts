import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { explainArticleLinks } from '../../src/extract/html-links.js';
import { reply, serveDir, startServer } from '../support/local-server.js';
import { loadListingCases } from './listing-cases.js';

const run = promisify(execFile);
const CASE = loadListingCases().find((c) => c.name === 'article-teasers')!;
const FILE = fileURLToPath(new URL('../fixtures/listings/article-teasers/listing.html', import.meta.url));
// No config: the polite client's defaults.
const ENV = { ...process.env, WIREFEED_CONFIG: 'no-such-config-dir' };

const wirefeed = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: ENV });

describe('wirefeed links', function () {
  this.timeout(90_000); // real OS processes under tsx

  it('--file FILE --url URL prints each linked URL once, taken or skipped with the detector’s reason, then the next page', async () => {
    const { stdout } = await wirefeed(['links', '--file', FILE, '--url', CASE.url]);
    const lines = stdout.trimEnd().split('\n');
    const report = explainArticleLinks(CASE.html, { pageUrl: CASE.url });
    assert.deepEqual(
      lines.slice(0, report.decisions.length),
      report.decisions.map((d) => `${d.taken ? 'taken  ' : 'skipped'}  ${d.url}  ${d.reason}`),
    );
    assert.ok(lines.includes('taken    https://www.valleycourier.test/news/mill-fire  headline in a teaser block'));
    assert.ok(lines.includes('skipped  https://www.valleycourier.test/sport/  in page chrome (<nav>)'));
    assert.ok(lines.includes('skipped  https://www.valleycourier.test/profile/amy-lowe  not an article path (/profile)'));
    assert.equal(lines.at(-2), 'next     https://www.valleycourier.test/news/?page=2');
    assert.equal(lines.at(-1), `8 taken, ${report.decisions.length - 8} skipped`);
  });

  it('--links CSS shows what a selector would take', async () => {
    const { stdout } = await wirefeed(['links', '--file', FILE, '--url', CASE.url, '--links', 'span.kicker a']);
    assert.match(stdout, /^taken {4}https:\/\/www\.valleycourier\.test\/news\/crime {2}matches the links selector$/m);
    assert.match(stdout, /^skipped {2}https:\/\/www\.valleycourier\.test\/news\/mill-fire {2}not matched by the links selector$/m);
  });

  it('URL: fetches the page through the polite client (robots.txt first) and says when no article is found', async () => {
    const server = await startServer({
      '/robots.txt': reply('User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
      '/empty.html': reply('<html><body><nav><a href="/a">A</a></nav></body></html>', { 'content-type': 'text/html' }),
      '*': serveDir(fileURLToPath(new URL('../fixtures/listings/article-teasers/', import.meta.url))),
    });
    try {
      const { stdout } = await wirefeed(['links', `${server.origin}/listing.html`]);
      assert.match(stdout, new RegExp(`^taken {4}${server.origin}/news/mill-fire {2}headline in a teaser block$`, 'm'));
      assert.match(stdout, /^8 taken, \d+ skipped$/m);
      assert.deepEqual(server.requests.map((r) => r.path), ['/robots.txt', '/listing.html']);
      const empty = await wirefeed(['links', `${server.origin}/empty.html`]);
      assert.match(empty.stdout, /^0 taken, 1 skipped; no article found: this source needs a links: selector$/m);
      await assert.rejects(wirefeed(['links', `${server.origin}/private/x.html`]), (err: { code: number; stderr: string }) => err.code === 1 && /robots/i.test(err.stderr));
    } finally {
      await server.close();
    }
  });

  it('exits 2 with the usage without a URL', async () => {
    await assert.rejects(wirefeed(['links']), (err: { code: number; stderr: string }) => err.code === 2 && /links needs a URL/.test(err.stderr));
  });
});
