// A run's health, judged from what the run observer saw: blocked, unreachable, broken or
// misconfigured when fetching or parsing failed; empty when nothing was there; degraded
// when stories came in below the source's expectations or well below its own recent
// runs; else ok. A source's health is its last run's, since it entered that state; a
// change is an event (the operator feed), and too many failing runs in a row pause it.
import type { Expectations } from '../config/schema.js';
import { AppError, errorMessage } from '../errors.js';
import { classifyFailure, type FailureClass } from '../fetch/fetch-failure.js';
import type { HealthEvent, HealthState, RunHealth, RunHealthRow, RunHealthStats, SourceHealth } from '../store/store.js';
import { backoffDelay } from './backoff-delay.js';
import type { RunNotes } from './run-observer.js';
import { checkExpectations, percent, runStats, shareLabel, SHARE_KEYS } from './story-checks.js';

/** States that count towards a pause: the source got nothing, through no quiet day of its own. */
export const FAILING_STATES: ReadonlySet<HealthState> = new Set(['blocked', 'unreachable', 'broken', 'misconfigured']);

/** A paused source tries again after an hour, then two, ... never waiting more than a day. */
export const PAUSE_BACKOFF = { baseMs: 3_600_000, maxMs: 86_400_000 };

/** How many of the source's recent judged runs its history is read from. */
export const HISTORY_RUNS = 10;

const FAILURE_REASONS: Record<FailureClass, string> = {
  blocked: 'the site refuses us',
  unreachable: 'the site cannot be reached',
  misconfigured: 'the configured address does not work',
  broken: 'fetching failed',
};

/** Judges one run from its notes, the source's expectations and its recent judged runs (newest first). */
export function classifyRun(notes: RunNotes, expect: Expectations, history: readonly RunHealthRow[], now: Date): RunHealth {
  const stats = runStats(notes.stories);
  const verdict = (state: HealthState, reason: string, example: string | null = null): RunHealth => ({ state, reason, example, stats });

  const challenge = notes.challenges[0];
  if (challenge) return verdict('blocked', `the site answered with ${challenge.marker} instead of its pages`, challenge.url);

  if (notes.thrown !== undefined) {
    const err = notes.thrown;
    const failure = classifyFailure(err);
    if (failure) return verdict(failure, `${FAILURE_REASONS[failure]} (${failureDetail(err)})`, failedUrl(notes, err));
    if (err instanceof AppError && (err.code === 'CONFIG_INVALID' || err.code === 'SOURCE_NOT_FOUND')) return verdict('misconfigured', 'the source is misconfigured', err.message);
    const fsCode = fileSystemCode(err);
    if (fsCode) return verdict('misconfigured', fsCode === 'ENOENT' ? 'the configured path does not exist' : `the configured path cannot be read (${fsCode})`, errorMessage(err));
    return verdict('broken', 'the run failed', errorMessage(err));
  }

  const attempted = notes.stories.length + notes.itemErrors.length;
  // Most items, not one: a single bad page is the page's problem, not the source's.
  if (notes.itemErrors.length > 0 && notes.itemErrors.length * 2 >= attempted) {
    const classes = notes.itemErrors.map((e) => classifyFailure(e.error));
    const blocked = classes.filter((c) => c === 'blocked').length;
    const unreachable = classes.filter((c) => c === 'unreachable').length;
    const first = notes.itemErrors[0]!;
    const example = first.ref;
    const of = `${notes.itemErrors.length} of ${attempted}`;
    const detail = failureDetail(first.error);
    if (blocked * 2 >= classes.length) return verdict('blocked', `the site refuses ${of} article pages (${detail})`, example);
    if (unreachable * 2 >= classes.length) return verdict('unreachable', `${of} article pages could not be reached (${detail})`, example);
    return verdict('broken', `${of} items could not be parsed or extracted (${detail})`, example);
  }

  if (attempted === 0) {
    // The same bytes as last run (a 304, or an unchanged body) say what they said then:
    // a challenge page served twice is still a challenge page.
    const last = history[0]?.health;
    if (notes.listed === 0 && notes.notModified > 0 && last) return { ...last, stats };
    // Nothing new is fine when the source had something to list.
    if (notes.listed > 0 || notes.unchanged > 0 || notes.notModified > 0) return verdict('ok', 'nothing new');
    return verdict('empty', 'the source listed no stories', notes.firstUrl);
  }

  const failed = checkExpectations(notes.stories, expect, now, notes.listed)[0];
  if (failed) return verdict('degraded', failed.message, failed.examples[0] ?? null);
  const drop = dropFromHistory(stats, history);
  if (drop) return verdict('degraded', drop, null);
  const read = notes.stories.length;
  return verdict('ok', `${read} ${read === 1 ? 'story' : 'stories'} read`);
}

/**
 * A fall against the source's own recent ok runs that its expectations did not catch:
 * a share that was nearly always there and is now mostly gone, or bodies a quarter as long.
 */
function dropFromHistory(stats: RunHealthStats, history: readonly RunHealthRow[]): string | null {
  const past = history.map((r) => r.health).filter((h) => h.state === 'ok' && h.stats.stories > 0).map((h) => h.stats);
  if (past.length === 0 || stats.stories === 0) return null;
  for (const key of SHARE_KEYS) {
    const now = stats[key];
    const before = mean(past.map((p) => p[key]));
    if (now !== null && before !== null && before >= 0.8 && now <= before - 0.5) {
      return `the share of stories with ${shareLabel(key)} fell from ${percent(before)} to ${percent(now)}`;
    }
  }
  const body = mean(past.map((p) => p.medianBody));
  if (stats.medianBody !== null && body !== null && body >= 400 && stats.medianBody * 4 < body) {
    return `story bodies fell from about ${Math.round(body)} to ${stats.medianBody} characters`;
  }
  return null;
}

/**
 * What went wrong, without the address: our fetch errors read "<url>: <what>", and the
 * address is the example. Other errors keep their code, or their message when short.
 */
function failureDetail(err: unknown): string {
  if (err instanceof AppError && err.code.startsWith('FETCH_')) return err.message.slice(err.message.lastIndexOf(': ') + 2) || err.code;
  if (err instanceof AppError) return err.code;
  const message = errorMessage(err);
  return message.length <= 80 ? message : message.slice(0, 79) + '…';
}

/** The URL whose fetch ended the run, else the first one fetched. */
function failedUrl(notes: RunNotes, err: unknown): string | null {
  return notes.fetchErrors.find((f) => f.error === err)?.url ?? notes.fetchErrors[0]?.url ?? notes.firstUrl;
}

/** ENOENT, EACCES, ENOTDIR, ... anywhere in the error's causes: a folder source pointed at the wrong place. */
function fileSystemCode(err: unknown): string | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E(?:NOENT|ACCES|NOTDIR|PERM|ISDIR)$/.test(code)) return code;
  }
  return null;
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/**
 * The source's health after `run`, and the event when its state changed. A first verdict
 * of ok is no news; a first bad one is. `pauseAfter` failing runs in a row pause it.
 */
export function nextHealth(sourceId: string, previous: SourceHealth | null, run: RunHealth, at: Date, pauseAfter: number): { health: SourceHealth; event: Omit<HealthEvent, 'id'> | null } {
  const iso = at.toISOString();
  const changed = previous ? previous.state !== run.state : run.state !== 'ok';
  const failingRuns = FAILING_STATES.has(run.state) ? (previous?.failingRuns ?? 0) + 1 : 0;
  const pausedUntil = failingRuns >= pauseAfter ? new Date(at.getTime() + backoffDelay(failingRuns - pauseAfter + 1, PAUSE_BACKOFF)).toISOString() : null;
  const health: SourceHealth = {
    sourceId,
    state: run.state,
    reason: run.reason,
    example: run.example,
    since: !previous || changed ? iso : previous.since,
    checkedAt: iso,
    failingRuns,
    pausedUntil,
  };
  const event = changed ? { sourceId, at: iso, state: run.state, previous: previous?.state ?? null, reason: run.reason, example: run.example } : null;
  return { health, event };
}
