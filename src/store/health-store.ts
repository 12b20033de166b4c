// The health role of the Store: each run's verdict, each source's current health (and
// pause), and the changes of health that the operator feed and webhooks announce.

/** Worst last: the order /status sorts by and the feed's words come from. */
export const HEALTH_STATES = ['ok', 'empty', 'degraded', 'blocked', 'unreachable', 'broken', 'misconfigured'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** What a run's stories looked like: compared with the source's own recent runs. */
export interface RunHealthStats {
  /** Stories the run produced (parsed, not unchanged). */
  stories: number;
  /** Shares (0..1) of those stories with each field; null when the run produced none. */
  withDate: number | null;
  withByline: number | null;
  withDateline: number | null;
  withImage: number | null;
  /** Median body length in characters; null when the run produced none. */
  medianBody: number | null;
}

/** One run's verdict. */
export interface RunHealth {
  state: HealthState;
  /** A plain sentence: what is wrong, or what is fine. */
  reason: string;
  /** One concrete case (a URL, a title, an error), or null. */
  example: string | null;
  stats: RunHealthStats;
}

/** A source's health now: that of its last run, since when it has been in that state. */
export interface SourceHealth {
  sourceId: string;
  state: HealthState;
  reason: string;
  example: string | null;
  /** When the source entered `state` (ISO). */
  since: string;
  /** When the last run was judged (ISO). */
  checkedAt: string;
  /** Failing runs in a row (blocked, unreachable, broken, misconfigured); 0 after any other. */
  failingRuns: number;
  /** Paused after too many failing runs: no scheduled run before this (ISO), or null. */
  pausedUntil: string | null;
}

/** One change of a source's health: an entry of the operator feed. */
export interface HealthEvent {
  id: number;
  sourceId: string;
  at: string;
  state: HealthState;
  /** null for a source's first verdict. */
  previous: HealthState | null;
  reason: string;
  example: string | null;
}

export interface RunHealthRow {
  runId: number;
  finishedAt: string | null;
  health: RunHealth;
}

export interface HealthDayCount {
  day: string;
  state: HealthState;
  count: number;
}

export interface HealthStore {
  sourceHealth(sourceId: string): Promise<SourceHealth | null>;
  /**
   * Records, in one transaction: the run's verdict on its row (runId null: no run row),
   * the source's health, and the change of health when there is one (returned with its id).
   */
  recordHealth(runId: number | null, run: RunHealth, health: SourceHealth, event: Omit<HealthEvent, 'id'> | null): Promise<HealthEvent | null>;
  /** The last `limit` judged runs of the source, newest first. */
  recentRunHealth(sourceId: string, limit: number): Promise<RunHealthRow[]>;
  /** The last `limit` changes of health of every source, newest first. */
  healthEvents(limit: number): Promise<HealthEvent[]>;
  /** Judged runs per UTC day and state since `since` (for the status page's charts). */
  runHealthPerDay(sourceId: string, since: Date): Promise<HealthDayCount[]>;
  /** Ends a pause and forgets the failing streak; false when the source was not paused. */
  resumeSource(sourceId: string): Promise<boolean>;
}
