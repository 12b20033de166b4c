// One ingest loop for every way stories arrive: a scheduled or manual run of a source, a
// push request, and `wirefeed run --dry-run`. Items from a source go to a sink (the store,
// or stdout for a dry run); the run is recorded where there is a run log to record it in.
// Read top to bottom, it is what a run does: record start, take each item, store it, ack
// it, record the outcome.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Collected } from '../sources/source-adapter.js';
import type { Story } from '../story.js';
import type { HealthEvent, RunCounts, RunHealth, RunTick, SourceHealth, Store, StoryFileMark, UpsertResult } from '../store/store.js';
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

/**
 * Where stories go: one at a time and nothing else recorded (a dry run's stdout), or the
 * store, a slice of stories and their story file marks in one transaction. `runId`: the
 * run they came from.
 */
export type IngestSink = ((story: Story, at: Date, runId?: number) => Promise<UpsertResult>) | Pick<Store, 'storeBatch'>;

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

/**
 * Stories (or marks of unchanged files) written in one transaction at most (group
 * commit): one commit per story cost
 * more than the rest of a cold files run on the main thread, and a batch is still small
 * enough to hold the event loop only briefly.
 */
export const MAX_BATCH = 16;

/** The store as a sink. */
export function storeSink(store: Pick<Store, 'storeBatch'>): IngestSink {
  return { storeBatch: (batch, at) => store.storeBatch(batch, at) };
}

type StoryItem = Extract<Collected, { story: Story }>;
const WAITING = Symbol('waiting');

/**
 * Takes every item `collect` yields into the sink. One bad item never sinks the run;
 * a source that throws ends the run with its error (recorded), never the process.
 *
 * Stories are written a batch at a time: when MAX_BATCH are waiting, when the source has
 * no next item ready (so a slow source's stories are never held back), and at the end.
 * A story's ack and its file's mark come only with or after its commit, so a crash loses
 * nothing: what was not committed is read again by the next run.
 */
export async function ingest(sourceId: string, collect: () => AsyncIterable<Collected>, deps: IngestDeps, options: IngestOptions = {}): Promise<RunOutcome> {
  const { clock, signal, sink } = deps;
  const log = deps.log.child({ source: sourceId });
  const started = clock.now();
  const runId = deps.runs ? await deps.runs.startRun(sourceId, started, options.tick) : 0;
  const counts = { new: 0, updated: 0, failed: 0, unchanged: 0 };
  let error: string | null = null;
  // Collecting and storing are mostly synchronous: the server in this process gets its turns.
  const yieldIfDue = yieldEvery();
  const pending: StoryItem[] = [];
  /** Marks of unchanged files whose stat moved: written with the next batch. */
  const pendingMarks: StoryFileMark[] = [];

  const write = async (stories: StoryItem[], marks: StoryFileMark[]): Promise<UpsertResult[]> => {
    const at = clock.now();
    if (typeof sink === 'function') {
      const results: UpsertResult[] = [];
      for (const item of stories) results.push(await sink(item.story, at, deps.runs ? runId : undefined));
      return results;
    }
    const fileMarks = [...stories.flatMap((item) => (item.mark ? [item.mark] : [])), ...marks];
    const stored = stories.map(({ story, json, hash }) => ({ story, json, hash }));
    return sink.storeBatch({ stories: stored, marks: fileMarks.map((mark) => ({ sourceId, mark })), runId: deps.runs ? runId : undefined }, at);
  };
  const stored = async (item: StoryItem, result: UpsertResult) => {
    counts[result] += 1;
    await item.ack?.();
    options.onProgress?.({ kind: 'stored', ref: item.ref, story: item.story, result, counts });
  };
  const flush = async () => {
    if (pending.length === 0 && pendingMarks.length === 0) return;
    const stories = pending.splice(0);
    const marks = pendingMarks.splice(0);
    let results: UpsertResult[];
    try {
      results = await write(stories, marks);
    } catch (err) {
      if (stories.length + marks.length <= 1) throw err;
      // One at a time, in order: the stories before a bad one are stored and the bad one
      // fails the run, as if there had been no batch.
      for (const item of stories) await stored(item, (await write([item], []))[0]!);
      await write([], marks);
      return;
    }
    for (const [i, item] of stories.entries()) await stored(item, results[i]!);
  };

  const items = collect()[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Shutdown stops a run between stories: each stored story is whole, none is half-written.
      if (signal?.aborted) break;
      await yieldIfDue();
      const next = items.next();
      let step = pending.length + pendingMarks.length > 0 ? await Promise.race([next, nextTurn(WAITING)]) : await next;
      if (step === WAITING) {
        await flush();
        step = await next;
      }
      if (step.done) break;
      const item = step.value;
      if ('unchanged' in item) {
        counts.unchanged += 1;
        if (item.mark) pendingMarks.push(item.mark);
        await item.ack?.();
        if (pendingMarks.length >= MAX_BATCH) await flush();
        continue;
      }
      if ('error' in item) {
        counts.failed += 1;
        log.warn({ err: item.error, ref: item.ref }, 'story failed');
        await item.ack?.();
        options.onProgress?.({ kind: 'failed', ref: item.ref, error: item.error, counts });
        continue;
      }
      pending.push(item);
      if (pending.length >= MAX_BATCH) await flush();
    }
    await flush();
    if (signal?.aborted) error = ABANDONED;
  } catch (err) {
    error = signal?.aborted ? ABANDONED : errorMessage(err);
    log.error({ err }, 'source run failed');
    // What was collected before the source failed is stored, as it was one at a time.
    await flush().catch((flushErr: unknown) => log.error({ err: flushErr }, 'stories collected before the failure not stored'));
  } finally {
    await items.return?.().catch(() => undefined);
  }

  const finished = clock.now();
  await deps.runs?.finishRun(runId, finished, { new: counts.new, updated: counts.updated, failed: counts.failed, error });
  const durationMs = finished.getTime() - started.getTime();
  log.info({ ...counts, durationMs, status: error ? 'failed' : 'ok' }, 'source run');
  return { runId, sourceId, ...counts, error, durationMs };
}
