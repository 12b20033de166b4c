// Every XML format of every fixture feed through the W3C Feed Validation Service's own
// code (../shared/validators/w3c-feed-check, beside the checkout): no errors. Warnings are
// allowed only with a reason, listed here (design.md: "no warnings without a reason").
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderFeed } from '../../src/publish/render-feed.js';
import { suiteWithoutData } from '../support/skip-unavailable.js';
import { tempDir, type TempDir } from '../support/temp-dir.js';
import { feedCases } from './feed-fixtures.js';

const CHECK = path.resolve(fileURLToPath(import.meta.url), '../../../../shared/validators/w3c-feed-check');
const run = promisify(execFile);

/** Warnings with a reason: each is about the fixture, not the renderer. */
const EXPECTED_WARNINGS = new Set([
  // The documents are checked from a temporary file, not from their self URL.
  'SelfDoesntMatchLocation',
  // hostile-text holds "<script>", "&" and markup-like text on purpose: it must come out escaped.
  'ContainsHTML',
  'ContainsUndeclaredHTML',
  'SecurityRisk',
  'CharacterData',
  // The empty fixture has never changed: dated by the epoch (its caller knows no date).
  'ImplausibleDate',
]);

describe('W3C feed validator: every XML format of every fixture feed', function () {
  this.timeout(120_000);
  if (suiteWithoutData(!existsSync(CHECK) && `${CHECK} is not beside the checkout (the shared validators)`)) return;
  let dir: TempDir;
  before(() => {
    dir = tempDir('wirefeed-w3c-');
  });
  after(() => dir?.remove());

  for (const c of feedCases()) {
    for (const format of ['rss', 'atom'] as const) {
      it(`${c.name}.${format}: 0 errors, only known warnings`, async () => {
        const file = dir.path(`${c.name}.${format}`);
        writeFileSync(file, renderFeed(c.model(format), format));
        // The validator exits 1 on any error; its report is read either way.
        const out = await run(CHECK, [file], { env: { ...process.env, PATH: `/usr/bin:${process.env.PATH ?? ''}` } }).catch(
          (err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
        );
        const report = `${out.stdout}${out.stderr}`;
        const summary = /errors=(\d+) warnings=(\d+)/.exec(report);
        assert.ok(summary, `the validator ran:\n${report}`);
        assert.equal(summary[1], '0', report);
        const warnings = [...report.matchAll(/^WARNING\s+line \d+ col \d+\s+(\w+)/gm)].map((m) => m[1]!);
        assert.deepEqual(warnings.filter((w) => !EXPECTED_WARNINGS.has(w)), [], report);
      });
    }
  }
});
