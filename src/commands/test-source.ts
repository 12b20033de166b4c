// One source run dry for `wirefeed test` (and recorded for `wirefeed run --record`):
// collected against an empty in-memory store, so every listed story is fetched and
// checked, and nothing is stored anywhere. Then its health, its expectations, the
// universal checks and its sample page.
import type { Clock } from '../clock.js';
import type { GlobalConfig } from '../config/schema.js';
import { errorMessage } from '../errors.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { Logger } from '../log.js';
import { ingest } from '../schedule/ingest.js';
import { classifyRun } from '../schedule/run-health.js';
import { RunObserver } from '../schedule/run-observer.js';
import { expectationsOf, siteOf } from '../schedule/source-expectations.js';
import { checkExpectations, checkUniversal, type CheckFailure } from '../schedule/story-checks.js';
import { fetchPageStory } from '../sources/page-story.js';
import type { Parser } from '../sources/parser.js';
import { adapterFor, type SourceConfig } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Story } from '../story.js';
import type { HealthState } from '../store/store.js';

export interface SourceTestDeps {
  global: GlobalConfig;
  http: HttpClient;
  parser: Parser;
  clock: Clock;
  log: Logger;
}

export interface SourceTestReport {
  source: string;
  type: SourceConfig['type'];
  /** `skipped`: a source that only receives (push) has nothing to run. */
  state: HealthState | 'skipped';
  reason: string;
  stories: number;
  failures: CheckFailure[];
}

/** States that fail a test by themselves; degraded is told by the expectations it misses. */
const FAILED_RUN = new Set<HealthState>(['empty', 'blocked', 'unreachable', 'broken', 'misconfigured']);

export async function testSource(source: SourceConfig, deps: SourceTestDeps): Promise<SourceTestReport> {
  const base = { source: source.id, type: source.type };
  if (!adapterFor(source).scheduled) return { ...base, state: 'skipped', reason: 'receives stories, runs nothing', stories: 0, failures: [] };
  const store = new SqliteStore(':memory:');
  try {
    await store.migrate();
    const observer = new RunObserver();
    const sourceDeps: SourceDeps = { ...deps, store, http: observer.http(deps.http), parser: observer.parser(deps.parser) };
    // Acks are not run: a files source would move its files.
    const collect = observer.collect(async function* () {
      for await (const item of adapterFor(source).collect(source, sourceDeps)) yield { ...item, ack: undefined };
    });
    await ingest(source.id, collect, { sink: async () => 'new', log: deps.log, clock: deps.clock });
    const { notes } = observer;
    const now = deps.clock.now();
    const expect = expectationsOf(source);
    const run = classifyRun(notes, expect, [], now);
    const failures: CheckFailure[] = [];
    if (FAILED_RUN.has(run.state)) failures.push({ check: run.state, message: run.reason, examples: run.example ? [run.example] : [] });
    failures.push(...checkExpectations(notes.stories, expect, now, notes.listed), ...checkUniversal(notes.stories, now, siteOf(source)));
    if (expect.sample) failures.push(...(await checkSample(source, expect.sample, notes.stories, sourceDeps)));
    return { ...base, state: run.state, reason: run.reason, stories: notes.stories.length, failures };
  } finally {
    await store.close();
  }
}

/** The sample page's story must contain the phrase: taken from the run, else fetched. */
async function checkSample(source: SourceConfig, sample: { url: string; contains: string }, stories: readonly Story[], deps: SourceDeps): Promise<CheckFailure[]> {
  let story = stories.find((s) => s.url === sample.url);
  if (!story && 'url' in source) {
    const item = await fetchPageStory(source, { url: sample.url }, deps).catch((err: unknown) => ({ ref: sample.url, error: err as Error }));
    if (item && 'error' in item) return [{ check: 'sample', message: `the sample page could not be read: ${errorMessage(item.error)}`, examples: [sample.url] }];
    if (item && 'story' in item) story = item.story;
  }
  if (!story) return [{ check: 'sample', message: 'the sample page gave no story', examples: [sample.url] }];
  const text = `${story.title}\n${story.body.text}`;
  if (text.toLowerCase().includes(sample.contains.toLowerCase())) return [];
  return [{ check: 'sample', message: `the sample story does not contain "${sample.contains}"`, examples: [`${sample.url}: "${story.body.text.slice(0, 100)}${story.body.text.length > 100 ? '…' : ''}"`] }];
}
