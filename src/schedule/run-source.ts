// One run of one source: its adapter's items, ingested into the store, the run recorded
// and judged (run-health.ts).
import { errorMessage } from '../errors.js';
import { adapterFor, type SourceConfig } from '../sources/registry.js';
import { parserOf } from '../sources/parser.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import type { RunTick } from '../store/store.js';
import { ABANDONED, ingest, storeSink, type RunOutcome, type RunProgress } from './ingest.js';
import { judgeRun } from './judge-run.js';
import { RunObserver } from './run-observer.js';

export { ABANDONED, type RunHealthOutcome, type RunOutcome, type RunProgress } from './ingest.js';

export async function runSource(source: SourceConfig, deps: SourceDeps, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
  const log = deps.log.child({ source: source.id });
  const observer = new RunObserver();
  const observed = { ...deps, log, http: observer.http(deps.http), parser: observer.parser(parserOf(deps)) };
  const collect = observer.collect(() => adapterFor(source).collect(source, observed));
  const outcome = await ingest(source.id, collect, { sink: storeSink(deps.store), runs: deps.store, log: deps.log, clock: deps.clock, signal: deps.signal }, { onProgress, tick });
  // A run cut short by shutdown says nothing about the source.
  if (outcome.error === ABANDONED) return outcome;
  try {
    return { ...outcome, health: await judgeRun(source, outcome.runId, observer.notes, deps) };
  } catch (err) {
    // Judging is bookkeeping: a store hiccup here must not turn a good run into a failed one.
    log.warn({ err: errorMessage(err) }, 'run health not recorded');
    return outcome;
  }
}
