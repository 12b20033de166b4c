// The leases role on PostgreSQL. Expiry is the injected clock's time (no longer the
// database's clock_timestamp(), as migration 1's comment still says), like every other
// time the store records: the workers' clocks must agree to well within a lease ttl.
import type pg from 'pg';
import type { Clock } from '../../clock.js';
import { ABANDONED, leaseOutcome, type LeaseClaim, type LeaseOutcome, type LeaseStore } from '../lease-store.js';
import { transaction } from './transaction.js';

export function postgresLeases(pool: pg.Pool, clock: Clock): LeaseStore {
  return {
    async acquireLease(claim: LeaseClaim): Promise<LeaseOutcome> {
      const now = clock.now();
      return transaction(pool, async (db) => {
        // Lock the row (if any) first: concurrent claimers queue here and each decides on
        // the row as the one before it left it.
        const { rows } = await db.query<{ owner: string; slot: string; released: boolean; alive: boolean }>(
          `SELECT owner, slot, released, (NOT released AND expires_at > $2::timestamptz) AS alive
           FROM leases WHERE source_id = $1 FOR UPDATE`,
          [claim.sourceId, now.toISOString()],
        );
        const prev = rows[0];
        const outcome = leaseOutcome(prev, claim.slot);
        if (outcome === 'busy' || outcome === 'spent') return outcome;
        // No row to lock yet: of several first claimers, one inserts and the others find it held.
        const taken = await db.query(
          `INSERT INTO leases (source_id, owner, slot, expires_at, released)
           VALUES ($1, $2, $3, $4::timestamptz, false)
           ON CONFLICT (source_id) DO UPDATE SET owner = excluded.owner, slot = excluded.slot,
             expires_at = excluded.expires_at, released = false
           WHERE $5`,
          // A run outside the schedule keeps the last tick ('' sorts before every tick).
          [claim.sourceId, claim.owner, claim.slot ?? prev?.slot ?? '', new Date(now.getTime() + claim.ttlMs).toISOString(), prev !== undefined],
        );
        if (taken.rowCount !== 1) return 'busy';
        if (prev && !prev.released) {
          await db.query(
            `UPDATE runs SET status = 'failed', finished_at = $2, error = $3
             WHERE source_id = $1 AND status = 'running' AND owner = $4`,
            [claim.sourceId, now.toISOString(), ABANDONED, prev.owner],
          );
        }
        return outcome;
      });
    },

    async renewLease(sourceId: string, owner: string, ttlMs: number): Promise<boolean> {
      const result = await pool.query(
        `UPDATE leases SET expires_at = $3::timestamptz
         WHERE source_id = $1 AND owner = $2 AND NOT released`,
        [sourceId, owner, new Date(clock.now().getTime() + ttlMs).toISOString()],
      );
      return result.rowCount === 1;
    },

    async releaseLease(sourceId: string, owner: string): Promise<void> {
      await pool.query(`UPDATE leases SET released = true WHERE source_id = $1 AND owner = $2`, [sourceId, owner]);
    },
  };
}
