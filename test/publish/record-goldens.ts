// Records the renderer golden files (`npm run golden:update`): every case under
// test/fixtures/feeds/ rendered to expected.<format>, every story page case under
// test/fixtures/story-pages/ to expected.html. The golden test never writes;
// review the diff (`git diff test/fixtures/feeds`) before committing what this records.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_FORMATS } from '../../src/publish/formats.js';
import { renderFeed } from '../../src/publish/render-feed.js';
import { feedCases, goldenFile } from './feed-fixtures.js';
import { storyPageCases } from './story-page-fixtures.js';

let changed = 0;
for (const c of feedCases()) {
  for (const format of FEED_FORMATS) {
    const file = goldenFile(c, format);
    const actual = renderFeed(c.model(format), format);
    if (existsSync(file) && readFileSync(file, 'utf8') === actual) continue;
    writeFileSync(file, actual);
    changed += 1;
    console.log(`recorded ${path.relative(process.cwd(), file)}`);
  }
}
for (const c of storyPageCases()) {
  const actual = c.render();
  if (existsSync(c.golden) && readFileSync(c.golden, 'utf8') === actual) continue;
  writeFileSync(c.golden, actual);
  changed += 1;
  console.log(`recorded ${path.relative(process.cwd(), c.golden)}`);
}
console.log(changed ? `${changed} golden file(s) recorded: review them with git diff before committing` : 'golden files up to date');
