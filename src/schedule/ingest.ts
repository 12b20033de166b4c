// One ingest loop for every way stories arrive: a scheduled or manual run of a source, a
// push request, and `wirefeed run --dry-run`. Items from a source go to a sink (the store,
// or stdout for a dry run); the run is recorded where there is a run log to record it in.
// Read top to bottom, it is what a run does: record start, take each item, store it, ack
// it, record the outcome.
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Collected } from '../sources/source-adapter.js';
import type { Story } from '../story.js';
import type { HealthEvent, RunCounts, RunHealth, RunTick, SourceHealth, Store, UpsertResult } from '../store/store.js';
import { yieldEvery } from '../yield-every.js';

export interface RunOutcome extends RunCounts {
  runId: number;
  sourceId: string;
  unchanged: number;
  error: string | null;
  durationMs: number;
  /** How the run was judged (scheduled and manual runs of a configured source; see run-health.ts). */
  health?: RunHealthOutcome;
}

/** A run's verdict, the source's health after it, and the change of health it made, if any. */
export interface RunHealthOutcome {
  run: RunHealth;
  source: SourceHealth;
  event: HealthEvent | null;
}

/** The error recorded for a run cut short by shutdown. */
export const ABANDONED = 'abandoned at shutdown';

export type RunProgress = (
  event:
    | { kind: 'stored'; ref: string; story: Story; result: UpsertResult; counts: RunCounts & { unchanged: number } }
    | { kind: 'failed'; ref: string; error: Error; counts: RunCounts & { unchanged: number } },
) => void;

/** Where stories go: stored (new, updated or unchanged by their content hash), or only shown; `runId`: the run they came from. */
export type IngestSink = (story: Story, at: Date, runId?: number) => Promise<UpsertResult>;

/** The run log: a dry run has none. */
export type RunLog = Pick<Store, 'startRun' | 'finishRun'>;

export interface IngestDeps {
  sink: IngestSink;
  runs?: RunLog;
  log: Logger;
  clock: Clock;
  signal?: AbortSignal;
}

export interface IngestOptions {
  onProgress?: RunProgress;
  /** The schedule slot and worker the run was leased to (several workers). */
  tick?: RunTick;
}

/** The store as a sink. */
export function storeSink(store: Pick<Store, 'upsertStory'>): IngestSink {
  return (story, at, runId) => store.upsertStory(story, at, runId);
}

/**
 * Takes every item `collect` yields into the sink. One bad item never sinks the run;
 * a source that throws ends the run with its error (recorded), never the process.
 */
export async function ingest(sourceId: string, collect: () => AsyncIterable<Collected>, deps: IngestDeps, options: IngestOptions = {}): Promise<RunOutcome> {
  const { clock, signal } = deps;
  const log = deps.log.child({ source: sourceId });
  const started = clock.now();
  const runId = deps.runs ? await deps.runs.startRun(sourceId, started, options.tick) : 0;
  const counts = { new: 0, updated: 0, failed: 0, unchanged: 0 };
  let error: string | null = null;
  // Collecting and storing are mostly synchronous: the server in this process gets its turns.
  const yieldIfDue = yieldEvery();

  try {
    for await (const item of collect()) {
      // Shutdown stops a run between stories: each stored story is whole, none is half-written.
      if (signal?.aborted) break;
      await yieldIfDue();
      if ('unchanged' in item) {
        counts.unchanged += 1;
        await item.ack?.();
        continue;
      }
      if ('error' in item) {
        counts.failed += 1;
        log.warn({ err: item.error, ref: item.ref }, 'story failed');
        await item.ack?.();
        options.onProgress?.({ kind: 'failed', ref: item.ref, error: item.error, counts });
        continue;
      }
      const result = await deps.sink(item.story, clock.now(), deps.runs ? runId : undefined);
      counts[result] += 1;
      await item.ack?.();
      options.onProgress?.({ kind: 'stored', ref: item.ref, story: item.story, result, counts });
    }
    if (signal?.aborted) error = ABANDONED;
  } catch (err) {
    error = signal?.aborted ? ABANDONED : errorMessage(err);
    log.error({ err }, 'source run failed');
  }

  const finished = clock.now();
  await deps.runs?.finishRun(runId, finished, { new: counts.new, updated: counts.updated, failed: counts.failed, error });
  const durationMs = finished.getTime() - started.getTime();
  log.info({ ...counts, durationMs, status: error ? 'failed' : 'ok' }, 'source run');
  return { runId, sourceId, ...counts, error, durationMs };
}
