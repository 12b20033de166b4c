// wirefeed run ID --record DIR: runs the source dry (as `wirefeed test` does: nothing
// stored, every listed story fetched) and saves every page it fetched to DIR, for
// `wirefeed test --fixtures DIR`. The sample page of its expectations is saved too.
import { systemClock } from '../clock.js';
import { configDir, loadConfig } from '../config/load-config.js';
import { AppError } from '../errors.js';
import { createHttpClient } from '../fetch/http-client.js';
import { recordingHttp } from '../fetch/page-fixtures.js';
import { silentLogger } from '../log.js';
import { inlineParser } from '../sources/parser.js';
import { testSource } from './test-source.js';

export async function recordCommand(id: string, dir: string): Promise<number> {
  const config = loadConfig(configDir());
  const source = config.sources.find((s) => s.id === id);
  if (!source) throw new AppError('SOURCE_NOT_FOUND', `no source "${id}"`);
  const clock = systemClock;
  const log = silentLogger();
  const http = recordingHttp(createHttpClient(config.global.fetch, { clock, log }), dir);
  const parser = inlineParser();
  try {
    const report = await testSource(source, { global: config.global, http, parser, clock, log });
    process.stdout.write(`${id}: recorded to ${dir}; ${report.stories} stories, ${report.state}\n`);
    return 0;
  } finally {
    await http.close();
    await parser.close();
  }
}
