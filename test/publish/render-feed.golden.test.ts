// Golden files: each case renders to exactly its expected.<format>. The model holds no
// clock at all (dates come from stored data), so the output is fixed by the input alone.
// This test only compares: goldens are recorded by `npm run golden:update` (then the diff
// is reviewed), never by a test run, so a new or changed case cannot pass unreviewed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_FORMATS } from '../../src/publish/formats.js';
import { renderFeed } from '../../src/publish/render-feed.js';
import { feedCases, goldenFile } from './feed-fixtures.js';

describe('renderFeed golden files', () => {
  for (const c of feedCases()) {
    for (const format of FEED_FORMATS) {
      it(`${c.name}.${format}`, () => {
        const file = goldenFile(c, format);
        const actual = renderFeed(c.model(format), format);
        assert.ok(existsSync(file), `${path.relative(process.cwd(), file)} is missing: record it with \`npm run golden:update\` and review it before committing`);
        assert.equal(actual, readFileSync(file, 'utf8'), 'differs from the golden file (if the change is intended: npm run golden:update, then review git diff)');
        assert.equal(renderFeed(c.model(format), format), actual, 'deterministic');
      });
    }
  }
});
