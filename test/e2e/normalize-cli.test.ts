import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Story } from '../../src/story.js';
import { tempDir } from '../support/temp-dir.js';

/** Runs `wirefeed ARGS` from the sources; resolves with the exit code and output. */
function wirefeed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('wirefeed normalize', () => {
  const config = tempDir();
  after(() => config.remove());

  it('prints a clean Story per line for every sample story and NITF, with --source rules; a bad file fails alone', async () => {
    config.write('sources/wire.yaml', 'id: wire\ntype: files\npath: stories\nnormalize:\n  dropParagraphs: ["^Traders said"]\n');
    const files = readdirSync('stories').map((f) => `stories/${f}`);
    const nitf = 'test/fixtures/stories/nitf-full/input.xml';
    const args = ['normalize', '--source', 'wire', ...files, 'test/fixtures/stories/missing.xml', nitf];
    const { code, stdout, stderr } = await wirefeed(args, { WIREFEED_CONFIG: config.root });
    assert.equal(code, 1, 'exit 1 when a file fails');
    assert.match(stderr, /missing\.xml/);
    const stories = stdout.trim().split('\n').map((l) => JSON.parse(l) as Story);
    assert.equal(stories.length, files.length + 1);
    for (const s of stories) {
      const text = s.body.text;
      assert.doesNotMatch(text, /^(?:More from|Related:|Follow .* on Twitter|Sign up for|Copyright|\(Reporting by|By [A-Z]+ [A-Z]+$)/m, s.title);
      assert.doesNotMatch(text, /contributed (?:reporting|to this report)|Photo:|\/AFP|Coastline Pictures/, s.title);
      assert.ok(s.summary.length <= 300);
    }
    const rice = stories.find((s) => s.title.startsWith('Rice exports'));
    assert.ok(rice && !rice.body.text.includes('Traders said'), "the source's dropParagraphs rule applies");
    assert.ok(stories.every((s) => s.sourceId === 'wire'));
    const nitfStory = stories.at(-1)!;
    assert.equal(nitfStory.dateline?.place, 'Porthaven');
    assert.equal(nitfStory.url, 'https://wire.example.org/2026/03/11/dock-strike');
  });
});
