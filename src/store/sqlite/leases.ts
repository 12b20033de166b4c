// The leases role on SQLite: expiry in ms since the epoch, of the injected clock.
import type Database from 'better-sqlite3';
import type { Clock } from '../../clock.js';
import { ABANDONED, leaseOutcome, type LeaseClaim, type LeaseOutcome, type LeaseStore } from '../lease-store.js';

export function sqliteLeases(db: Database.Database, clock: Clock): LeaseStore {
  return {
    /** One immediate transaction: SQLite serializes writers, so check-then-write is atomic. */
    async acquireLease(claim: LeaseClaim): Promise<LeaseOutcome> {
      const now = clock.now().getTime();
      return db.transaction((): LeaseOutcome => {
        const prev = db
          .prepare('SELECT owner, slot, expires_at AS expiresAt, released FROM leases WHERE source_id = ?')
          .get(claim.sourceId) as { owner: string; slot: string; expiresAt: number; released: number } | undefined;
        const outcome = leaseOutcome(prev && { slot: prev.slot, released: prev.released === 1, alive: !prev.released && prev.expiresAt > now }, claim.slot);
        if (outcome === 'busy' || outcome === 'spent') return outcome;
        db.prepare(
          `INSERT INTO leases (source_id, owner, slot, expires_at, released) VALUES (?, ?, ?, ?, 0)
           ON CONFLICT (source_id) DO UPDATE SET owner = excluded.owner, slot = excluded.slot,
             expires_at = excluded.expires_at, released = 0`,
        )
          // A run outside the schedule keeps the last tick ('' sorts before every tick).
          .run(claim.sourceId, claim.owner, claim.slot ?? prev?.slot ?? '', now + claim.ttlMs);
        if (prev && !prev.released) {
          db.prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE source_id = ? AND status = 'running' AND owner = ?`)
            .run(new Date(now).toISOString(), ABANDONED, claim.sourceId, prev.owner);
        }
        return outcome;
      }).immediate();
    },

    async renewLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean> {
      const info = db
        .prepare('UPDATE leases SET expires_at = ? WHERE source_id = ? AND owner = ? AND released = 0')
        .run(clock.now().getTime() + ttlMs, sourceId, owner);
      return info.changes === 1;
    },

    async releaseLease(sourceId: string, owner: string): Promise<void> {
      db.prepare('UPDATE leases SET released = 1 WHERE source_id = ? AND owner = ?').run(sourceId, owner);
    },
  };
}
