// One run of one source: its adapter's items, ingested into the store, the run recorded.
import { adapterFor, type SourceConfig } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import type { RunTick } from '../store/store.js';
import { ingest, storeSink, type RunOutcome, type RunProgress } from './ingest.js';

export { ABANDONED, type RunOutcome, type RunProgress } from './ingest.js';

export function runSource(source: SourceConfig, deps: SourceDeps, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
  const log = deps.log.child({ source: source.id });
  const collect = () => adapterFor(source).collect(source, { ...deps, log });
  return ingest(source.id, collect, { sink: storeSink(deps.store), runs: deps.store, log: deps.log, clock: deps.clock, signal: deps.signal }, { onProgress, tick });
}
