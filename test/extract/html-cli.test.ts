import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PAGE = fileURLToPath(new URL('../fixtures/site/legacy/seoul-subway-line-extension.html', import.meta.url));

describe('wirefeed extract --url URL FILE', function () {
  this.timeout(90_000); // real OS processes under tsx

  it('prints the page as Story JSON, decoding the file by its own charset', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', '--url', 'https://news.example.kr/seoul.html', PAGE]);
    const story = JSON.parse(stdout) as { title: string; url: string; byline: string; body: { text: string } };
    assert.equal(story.title, '서울 지하철 연장 구간 개통');
    assert.equal(story.url, 'https://news.example.kr/seoul.html');
    assert.equal(story.byline, '김민준 기자');
    assert.match(story.body.text, /요금은 기존과 같다\.$/);
  });

  it('exits 1 with the reason for a page with no story', async () => {
    await assert.rejects(
      run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', '--url', 'https://x.example/', fileURLToPath(new URL('../fixtures/site/robots.txt', import.meta.url))]),
      (err: { code: number; stderr: string }) => err.code === 1 && /no title|no body/.test(err.stderr),
    );
  });
});
