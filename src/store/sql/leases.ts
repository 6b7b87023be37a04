import { randomUUID } from 'node:crypto';
import { sql, type Expression, type Kysely } from 'kysely';
import type { LockHandle, LockManager } from '../port.js';
import type { Database } from './tables.js';

/** Where a lease's time comes from: the database's clock where several machines share it. */
export interface LeaseClock {
  now(): Expression<string>;
  after(ms: number): Expression<string>;
}

/** The process's own clock, for a store only this machine opens. */
export const localClock: LeaseClock = {
  now: () => sql.val(new Date().toISOString()),
  after: (ms) => sql.val(new Date(Date.now() + ms).toISOString()),
};

/**
 * Named locks as leases in the `locks` table: taken with one atomic upsert that only succeeds on a
 * free or lapsed lease, renewed every third of its time while held, deleted on release. No
 * connection is held while a lock is, and a holder that died lets go when its lease lapses.
 * The name's parts are JSON-encoded, so no tenant or id can make two names equal.
 */
export class LeaseLockManager implements LockManager {
  private readonly renewals = new Set<NodeJS.Timeout>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: LeaseClock,
  ) {}

  async tryAcquire(name: readonly string[], ttlMs: number): Promise<LockHandle | null> {
    const key = JSON.stringify(name);
    const holder = randomUUID();
    const result = await this.db
      .insertInto('locks')
      .values({ name: key, holder, expires_at: this.clock.after(ttlMs) })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: this.clock.after(ttlMs) })
          .where('locks.expires_at', '<=', this.clock.now()),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    return this.held(key, holder, ttlMs);
  }

  private held(key: string, holder: string, ttlMs: number): LockHandle {
    let lost = false;
    const renew = async () => {
      const renewed = await this.db
        .updateTable('locks')
        .set({ expires_at: this.clock.after(ttlMs) })
        .where('name', '=', key)
        .where('holder', '=', holder)
        .executeTakeFirst()
        .catch(() => undefined);
      // A store that does not answer keeps the lease until it lapses; one taken over is lost.
      if (renewed && renewed.numUpdatedRows === 0n) lost = true;
    };
    const timer = setInterval(() => void renew(), Math.max(1, Math.floor(ttlMs / 3)));
    timer.unref();
    this.renewals.add(timer);
    return {
      isLost: () => lost,
      release: async () => {
        clearInterval(timer);
        this.renewals.delete(timer);
        await this.db.deleteFrom('locks').where('name', '=', key).where('holder', '=', holder).execute();
      },
    };
  }

  /** Stops renewing every lease, as a process that stops would; they lapse in their own time. */
  stopRenewing(): void {
    for (const timer of this.renewals) clearInterval(timer);
    this.renewals.clear();
  }
}
