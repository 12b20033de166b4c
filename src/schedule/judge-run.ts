// Judges a finished run and records the verdict, the source's health and any change of it.
import type { SourceConfig } from '../sources/registry.js';
import type { SourceDeps } from '../sources/source-adapter.js';
import type { RunHealth } from '../store/store.js';
import type { RunHealthOutcome } from './ingest.js';
import { classifyRun, HISTORY_RUNS, nextHealth } from './run-health.js';
import type { RunNotes } from './run-observer.js';
import { expectationsOf } from './source-expectations.js';

type JudgeDeps = Pick<SourceDeps, 'store' | 'clock' | 'global'>;

export async function judgeRun(source: SourceConfig, runId: number, notes: RunNotes, deps: JudgeDeps): Promise<RunHealthOutcome> {
  const { store, clock } = deps;
  const at = clock.now();
  const expect = expectationsOf(source);
  let run = classifyRun(notes, expect, await store.recentRunHealth(source.id, HISTORY_RUNS), at);
  if (run.state === 'ok' && expect.minStoriesPerDay !== undefined) run = perDay(run, (await store.storyStats(source.id, at, at)).last24h, expect.minStoriesPerDay);
  const previous = await store.sourceHealth(source.id);
  const { health, event } = nextHealth(source.id, previous, run, at, deps.global.health.pauseAfter);
  const saved = await store.recordHealth(runId || null, run, health, event);
  return { run, source: health, event: saved };
}

function perDay(run: RunHealth, last24h: number, min: number): RunHealth {
  if (last24h >= min) return run;
  return { ...run, state: 'degraded', reason: `${last24h} stories in the last 24 hours, expected at least ${min}`, example: null };
}
