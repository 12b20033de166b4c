// Golden files: each case renders to exactly its expected.<format>. The model holds no
// clock at all (dates come from stored data), so the output is fixed by the input alone.
// Record new or changed goldens with UPDATE_GOLDEN=1 npm test, then review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_FORMATS } from '../../src/publish/formats.js';
import { renderFeed } from '../../src/publish/render-feed.js';
import { feedCases } from './feed-fixtures.js';

describe('renderFeed golden files', () => {
  for (const c of feedCases()) {
    for (const format of FEED_FORMATS) {
      it(`${c.name}.${format}`, () => {
        const file = path.join(c.dir, `expected.${format}`);
        const actual = renderFeed(c.model(format), format);
        if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
          writeFileSync(file, actual);
          console.log(`      recorded ${path.relative(process.cwd(), file)}`);
        }
        assert.equal(actual, readFileSync(file, 'utf8'));
        assert.equal(renderFeed(c.model(format), format), actual, 'deterministic');
      });
    }
  }
});
