import { randomUUID } from 'node:crypto';
import type { LockHandle, LockManager } from '../port.js';
import type { SqlDriver } from '../sql/executor.js';

/**
 * A lock row taken in a write transaction. It expires, so a holder that crashed blocks others
 * only until its time runs out.
 */
export class SqliteLockManager implements LockManager {
  constructor(private readonly driver: SqlDriver) {}

  async tryAcquire(name: string, ttlMs: number): Promise<LockHandle | null> {
    const holder = randomUUID();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const taken = await this.driver.transaction(async (db) => {
      const changed = await db.run(
        `INSERT INTO locks (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE locks.expires_at <= ?`,
        [name, holder, expiresAt, now.toISOString()],
      );
      return changed > 0;
    });
    if (!taken) return null;
    return {
      release: async () => {
        await this.driver.run('DELETE FROM locks WHERE name = ? AND holder = ?', [name, holder]);
      },
    };
  }
}
