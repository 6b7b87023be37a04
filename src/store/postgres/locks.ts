import type pg from 'pg';
import type { LockHandle, LockManager } from '../port.js';

/** Session advisory locks: held by a dedicated connection, so they vanish if the process dies. */
export class PostgresLockManager implements LockManager {
  constructor(private readonly pool: pg.Pool) {}

  async tryAcquire(name: string): Promise<LockHandle | null> {
    const client = await this.pool.connect();
    try {
      const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [name]);
      if (!result.rows[0]?.ok) {
        client.release();
        return null;
      }
    } catch (error) {
      client.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
        } finally {
          client.release();
        }
      },
    };
  }
}
