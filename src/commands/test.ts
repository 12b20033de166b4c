// wirefeed test [ID...] [--json] [--fixtures DIR]: runs each source dry (nothing stored),
// checks its expectations and the universal ones, prints what failed with examples, and
// exits 1 on any failure. With --fixtures, pages come from a folder recorded by
// `wirefeed run ID --record DIR` instead of the network.
import { systemClock } from '../clock.js';
import { configDir, loadConfig } from '../config/load-config.js';
import { AppError } from '../errors.js';
import { createHttpClient } from '../fetch/http-client.js';
import { fixtureHttp } from '../fetch/page-fixtures.js';
import { silentLogger } from '../log.js';
import { inlineParser } from '../sources/parser.js';
import { testSource, type SourceTestReport } from './test-source.js';

export async function testCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const at = args.indexOf('--fixtures');
  const fixtures = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !fixtures) throw new AppError('INPUT_INVALID', '--fixtures needs a folder');
  const ids = args.filter((a, i) => !a.startsWith('--') && i !== at + 1);
  const config = loadConfig(configDir());
  for (const id of ids) if (!config.sources.some((s) => s.id === id)) throw new AppError('SOURCE_NOT_FOUND', `no source "${id}"`);
  const sources = ids.length ? config.sources.filter((s) => ids.includes(s.id)) : config.sources;
  const clock = systemClock;
  const log = silentLogger();
  const http = fixtures ? fixtureHttp(fixtures, clock) : createHttpClient(config.global.fetch, { clock, log });
  const parser = inlineParser();
  const reports: SourceTestReport[] = [];
  try {
    for (const source of sources) reports.push(await testSource(source, { global: config.global, http, parser, clock, log }));
  } finally {
    await http.close();
    await parser.close();
  }
  process.stdout.write(json ? `${JSON.stringify(reports, null, 2)}\n` : printable(reports));
  return reports.some((r) => r.failures.length > 0) ? 1 : 0;
}

/** One line per source; under a failing one, each failed check and its examples. */
function printable(reports: SourceTestReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const verdict = r.state === 'skipped' ? 'skipped' : r.failures.length ? 'FAIL' : 'ok';
    lines.push(`${verdict.padEnd(7)} ${r.source} (${r.type}): ${r.stories} ${r.stories === 1 ? 'story' : 'stories'}; ${r.state === 'skipped' ? r.reason : r.state}`);
    for (const f of r.failures) {
      lines.push(`          ${f.check}: ${f.message}`);
      for (const e of f.examples) lines.push(`            e.g. ${e}`);
    }
  }
  const failed = reports.filter((r) => r.failures.length > 0).length;
  lines.push(failed ? `${failed} of ${reports.length} sources failed` : `${reports.length} sources passed`);
  return `${lines.join('\n')}\n`;
}
