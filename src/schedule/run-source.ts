// One run of one source, top to bottom: record start, collect, store, record the outcome.
import { errorMessage } from '../errors.js';
import type { SourceConfig } from '../config/schema.js';
import { adapterFor } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import type { RunCounts, RunTick } from '../store/store.js';
import { yieldEvery } from '../yield-every.js';

export interface RunOutcome extends RunCounts {
  runId: number;
  sourceId: string;
  unchanged: number;
  error: string | null;
  durationMs: number;
}

/** The error recorded for a run cut short by shutdown. */
export const ABANDONED = 'abandoned at shutdown';

export type RunProgress = (event: { kind: 'stored' | 'failed'; ref: string; counts: RunCounts & { unchanged: number } }) => void;

export async function runSource(source: SourceConfig, deps: SourceDeps, onProgress?: RunProgress, tick?: RunTick): Promise<RunOutcome> {
  const { store, clock } = deps;
  const log = deps.log.child({ source: source.id });
  const started = clock.now();
  const runId = await store.startRun(source.id, started, tick);
  const counts = { new: 0, updated: 0, failed: 0, unchanged: 0 };
  let error: string | null = null;
  // Collecting and storing are mostly synchronous: the server in this process gets its turns.
  const yieldIfDue = yieldEvery();

  try {
    const adapter = adapterFor(source);
    if (!adapter) throw new Error(`no adapter for source type ${source.type}`);
    for await (const item of adapter.collect(source as never, { ...deps, log })) {
      // Shutdown stops a run between stories: each stored story is whole, none is half-written.
      if (deps.signal?.aborted) break;
      await yieldIfDue();
      if ('unchanged' in item) {
        counts.unchanged += 1;
        await item.ack?.();
        continue;
      }
      if ('error' in item) {
        // One bad item never sinks the run: count it, log it, go on.
        counts.failed += 1;
        log.warn({ err: item.error, ref: item.ref }, 'story failed');
        await item.ack?.();
        onProgress?.({ kind: 'failed', ref: item.ref, counts });
        continue;
      }
      const result = await store.upsertStory(item.story, clock.now());
      counts[result] += 1;
      await item.ack?.();
      onProgress?.({ kind: 'stored', ref: item.ref, counts });
    }
    if (deps.signal?.aborted) error = ABANDONED;
  } catch (err) {
    error = deps.signal?.aborted ? ABANDONED : errorMessage(err);
    log.error({ err }, 'source run failed');
  }

  const finished = clock.now();
  await store.finishRun(runId, finished, { new: counts.new, updated: counts.updated, failed: counts.failed, error });
  const durationMs = finished.getTime() - started.getTime();
  log.info({ ...counts, durationMs, status: error ? 'failed' : 'ok' }, 'source run');
  return { runId, sourceId: source.id, ...counts, error, durationMs };
}
