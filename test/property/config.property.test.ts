// Property: the config loader never throws on any file content; it returns a config or
// a non-empty list of problems, each naming a file.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { readConfig } from '../../src/config/load-config.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { anyText, SEED } from './arbitraries.js';

const yamlish = fc.oneof(
  anyText(120),
  fc.dictionary(fc.constantFrom('id', 'type', 'url', 'path', 'schedule', 'token', 'maxItems', 'enabled', 'fetch', 'port', 'extract', 'normalize', 'x'), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
  fc.constantFrom('id: a\ntype: files\npath: /tmp\n', 'id: b\ntype: feed\nurl: https://x.example.com/f\n', '&a [*a, *a]', '!!js/function "x"', 'a: ${NOPE}', ': : :', '---\n---\n', 'port: 99999\n', 'fetch:\n  maxBytes: -1\n'),
);

describe('property: config loader', () => {
  let dir: TempDir;
  before(() => (dir = tempDir()));
  after(() => dir?.remove());

  it('never throws: any wirefeed.yaml and source file give a config or problems naming a file', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.option(yamlish, { nil: undefined }), yamlish, fc.option(yamlish, { nil: undefined }), (global, source, feed) => {
        const root = dir.path(`c${run++}`);
        mkdirSync(`${root}/sources`, { recursive: true });
        mkdirSync(`${root}/feeds`, { recursive: true });
        if (global !== undefined) writeFileSync(`${root}/wirefeed.yaml`, global);
        writeFileSync(`${root}/sources/s.yaml`, source);
        if (feed !== undefined) writeFileSync(`${root}/feeds/f.yaml`, feed);
        try {
          const result = readConfig(root, { env: {}, cwd: dir.root });
          if (result.ok) assert.ok(Array.isArray(result.config.sources));
          else {
            assert.ok(result.problems.length > 0);
            for (const p of result.problems) assert.match(p, /(?:wirefeed\.yaml|s\.yaml|f\.yaml|c\d+)/, p);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
