// Writes expected.json for corpus cases from what the normalizer produces now:
//   node --import tsx test/support/record-story-case.ts CASE_NAME...
// Read every recorded file before committing it: the corpus is only as right as its review.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { comparable, listCases, REQUIRED_FIELDS, runCase } from '../normalize/story-corpus.js';

const wanted = new Set(process.argv.slice(2));
for (const c of listCases().filter((x) => wanted.has(x.name))) {
  const actual = comparable(runCase(c));
  const out = Object.fromEntries([...REQUIRED_FIELDS, 'summary'].map((f) => [f, actual[f as keyof typeof actual]]));
  writeFileSync(path.join(c.dir, 'expected.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${c.name}: recorded`);
}
