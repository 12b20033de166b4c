// The Store: one contract, one test suite, several backends (SQLite, PostgreSQL). It is
// the composition of role interfaces, one per job, so that a caller can depend on just
// the role it uses; each backend implements each role in its own file, in this order.
import type { Clock } from '../clock.js';
import type { ValidatorStore } from '../fetch/validators.js';
import type { HealthStore } from './health-store.js';
import type { LeaseStore } from './lease-store.js';
import type { RetentionStore } from './retention-store.js';
import type { RunStore } from './run-store.js';
import type { StoryBatchStore } from './story-batch-store.js';
import type { TableStore } from './store-tables.js';
import type { StoryFileStore } from './story-file-store.js';
import type { StoryStore } from './story-store.js';

export type { Validators, ValidatorStore } from '../fetch/validators.js';
export { HEALTH_STATES, type HealthDayCount, type HealthEvent, type HealthState, type HealthStore, type RunHealth, type RunHealthRow, type RunHealthStats, type SourceHealth } from './health-store.js';
export { leaseOutcome, type LeaseClaim, type LeaseOutcome, type LeaseRow, type LeaseStore } from './lease-store.js';
export type { RetentionStore, RowPrune, StoreSize, StoryPrune } from './retention-store.js';
export { NOT_EXPORTED, STORE_TABLES, type StoreTable, type TableRow, type TableStore } from './store-tables.js';
export type { RunCounts, RunRecord, RunStats, RunStore, RunTick } from './run-store.js';
export type { KnownStoryFile, StoryFileMark, StoryFileStore } from './story-file-store.js';
export type { StoryBatch, StoryBatchStore, StoryWrite } from './story-batch-store.js';
export { sortDate, storyContentHash, type FeedState, type StoryHistory, type StoryQuery, type StoryRow, type StoryStats, type StoryStore, type StoryVersion, type UpsertResult, type VersionField, type WithdrawResult } from './story-store.js';

/** Opening, schema and closing: the backend itself rather than one of its roles. */
export interface StoreLifecycle {
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Every role of a store; a backend builds them all over one connection. */
export interface StoreRoles extends StoryStore, RunStore, LeaseStore, ValidatorStore, StoryFileStore, StoryBatchStore, HealthStore, RetentionStore, TableStore {}

export interface Store extends StoreLifecycle, StoreRoles {}

export interface StoreOptions {
  /** Lease expiry is read off this clock (default: the system clock). */
  clock?: Clock;
}
