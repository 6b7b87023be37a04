import pg from 'pg';
import type { Logger } from '../../logger.js';
import { applyMigrations } from '../sql/migrations.js';
import { SqlStore } from '../sql/sql-store.js';
import { PostgresDriver } from './driver.js';
import { PostgresLockManager } from './locks.js';
import { postgresMigrations } from './migrations.js';
import { PostgresSearchIndex } from './search-index.js';

/** True when pgvector is (or can be) installed in this database. */
async function enablePgvector(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
    return true;
  } catch {
    return false;
  }
}

/** Connects a pool, migrates under an advisory lock, and picks the vector mode. */
export async function openPostgresStore(databaseUrl: string, logger?: Logger): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', (error) => logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  const driver = new PostgresDriver(pool);
  try {
    await applyMigrations(driver, postgresMigrations, (db) => db.exec(`SELECT pg_advisory_xact_lock(hashtextextended('agent-mem:migrate', 0))`));
  } catch (error) {
    await pool.end();
    throw error;
  }
  const pgvector = await enablePgvector(pool);
  const vectorMode = pgvector ? 'pgvector-hnsw' : 'exact-scan';
  logger?.info({ vectors: vectorMode }, pgvector ? 'opened PostgreSQL store with pgvector (HNSW)' : 'opened PostgreSQL store; pgvector unavailable, vectors use an exact scan');
  return new SqlStore(driver, {
    vectorMode,
    searchIndex: (executor) => new PostgresSearchIndex(executor, pgvector),
    locks: new PostgresLockManager(pool),
    ping: async () => void (await pool.query('SELECT 1')),
  });
}
