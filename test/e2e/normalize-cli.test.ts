import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Story } from '../../src/story.js';

/** Runs `wirefeed ARGS` from the sources; resolves with the exit code and output. */
function wirefeed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('wirefeed normalize', () => {
  it('prints a clean Story per line for every sample story and NITF; a bad file fails alone', async () => {
    const files = readdirSync('stories').map((f) => `stories/${f}`);
    const nitf = 'test/fixtures/stories/nitf-full/input.xml';
    const { code, stdout, stderr } = await wirefeed(['normalize', ...files, 'test/fixtures/stories/missing.xml', nitf]);
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
    const nitfStory = stories.at(-1)!;
    assert.equal(nitfStory.dateline?.place, 'Porthaven');
    assert.equal(nitfStory.url, 'https://wire.example.org/2026/03/11/dock-strike');
  });
});
