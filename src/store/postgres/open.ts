import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Logger } from '../../logger.js';
import type { StoreStatus } from '../port.js';
import { LeaseLockManager, type LeaseClock } from '../sql/leases.js';
import { migrate, schemaVersion } from '../sql/migrations.js';
import { SqlStore } from '../sql/sql-store.js';
import type { Database } from '../sql/tables.js';
import { distribute, hasCitus } from './citus.js';
import { postgresSqlDialect } from './dialect.js';
import { postgresMigrations } from './migrations.js';
import { createPgPool, kyselyPool, type PostgresPoolOptions } from './pool.js';
import { HnswIndex } from './hnsw-index.js';
import { PostgresSearchIndex, type PostgresVectors } from './search-index.js';

export interface PostgresStoreOptions {
  logger?: Logger;
  pool?: Partial<PostgresPoolOptions>;
  /** `auto` uses pgvector when the extension is (or can be) installed; `off` always scans exactly. */
  pgvector?: 'auto' | 'off';
  /** Scopes with at most this many vectors are searched by an exact scan instead of HNSW. */
  exactScanMax?: number;
  /**
   * On a Citus coordinator, also distribute tables that already hold rows, copying them to the
   * shards (`agent-mem migrate --distribute`); empty tables are always distributed on open.
   */
  distributeExisting?: boolean;
  /** Sees every statement the store sends (diagnostics; the routing tests read the queries). */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

const DEFAULT_POOL: PostgresPoolOptions = { size: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 };
const DEFAULT_EXACT_SCAN_MAX = 10_000;

/** The database's clock, shared by every server using it. */
const databaseClock: LeaseClock = {
  now: () => sql<string>`now()`,
  after: (ms) => sql<string>`now() + ${ms} * interval '1 millisecond'`,
};

async function enablePgvector(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);
    return true;
  } catch {
    return false;
  }
}

async function embeddingColumnType(db: Kysely<Database>): Promise<PostgresVectors['column']> {
  const row = await sql<{ type: string }>`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
    WHERE attrelid = 'search_entries'::regclass AND attname = 'embedding'`.execute(db);
  return row.rows[0]?.type === 'vector' ? 'vector' : 'real[]';
}

/** Connects a pool, migrates under an advisory lock, and picks how vectors are searched. */
export async function openPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<SqlStore> {
  const poolOptions = { ...DEFAULT_POOL, ...options.pool };
  const pool = createPgPool(databaseUrl, poolOptions, options.logger);
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: kyselyPool(pool) }),
    ...(onQuery && { log: (event) => onQuery(event.query) }),
  });
  const locks = new LeaseLockManager(db, databaseClock);
  let vectors: PostgresVectors;
  let kind: 'postgres' | 'citus';
  try {
    const pgvector = options.pgvector !== 'off' && (await enablePgvector(db));
    kind = (await hasCitus(db)) ? 'citus' : 'postgres';
    await db.transaction().execute(async (trx) => {
      await migrate({ db: trx, exec: async (script) => void (await sql.raw(script).execute(trx)) }, postgresMigrations({ pgvector }));
      if (kind === 'citus') await distribute(trx, { withData: options.distributeExisting ?? false });
    });
    const column = await embeddingColumnType(db);
    const exactScanMax = options.exactScanMax ?? DEFAULT_EXACT_SCAN_MAX;
    const hnsw = pgvector && column === 'vector' ? new HnswIndex(databaseUrl, locks, exactScanMax === 0, options.logger) : undefined;
    vectors = { column, hnsw, exactScanMax };
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const vectorMode = vectors.hnsw ? 'pgvector-hnsw' : 'exact-scan';
  const dialect = postgresSqlDialect(kind);
  options.logger?.info({ kind, vectors: vectorMode, pool: poolOptions.size }, vectors.hnsw ? 'opened PostgreSQL store with pgvector (HNSW)' : 'opened PostgreSQL store; vectors use an exact scan');
  return new SqlStore(db, {
    kind,
    vectorMode,
    dialect,
    locks,
    searchIndex: (on) => new PostgresSearchIndex(on, dialect, vectors),
    transaction: (on, fn) => on.transaction().execute(fn),
    ping: async () => void (await sql`SELECT 1`.execute(db)),
    status: async (): Promise<StoreStatus> => ({
      kind,
      vectors: vectorMode,
      schemaVersion: await schemaVersion(db),
      pool: { size: poolOptions.size, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
    }),
    close: async () => {
      await vectors.hnsw?.settled();
      locks.stopRenewing();
      await db.destroy();
    },
  });
}
