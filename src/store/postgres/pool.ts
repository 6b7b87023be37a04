import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { Logger } from '../../logger.js';
import { isConnectionFailure, storeErrorOf } from './errors.js';

export interface PostgresPoolOptions {
  /** Connections in the pool. */
  size: number;
  /** How long acquiring (or opening) a connection may take. */
  connectTimeoutMs: number;
  /** How long one statement may run; the client also stops waiting a little after. */
  statementTimeoutMs: number;
}

const TIMESTAMPTZ = 1184;
const INT8 = 20;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ);

/** Timestamps come back as ISO-8601 UTC text, as the model keeps them; counts as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === TIMESTAMPTZ) return (value: string) => (parseTimestamp(value) as Date).toISOString();
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export function createPgPool(databaseUrl: string, options: PostgresPoolOptions, logger?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.size,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + options.connectTimeoutMs,
    keepAlive: true,
    types,
  });
  pool.on('error', (error) => logger?.warn({ err: error }, 'an idle PostgreSQL connection failed'));
  return pool;
}

/**
 * The pool as Kysely uses it, with every failure turned into the store's typed errors. A client
 * whose connection failed is destroyed on release instead of going back to the pool.
 */
export function kyselyPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch((error: unknown) => {
        throw storeErrorOf(error);
      });
      let broken = false;
      // A connection cut while checked out (a server restart) must not crash the process.
      const markBroken = () => void (broken = true);
      client.on('error', markBroken);
      return {
        query: (async (sql: string, parameters: readonly unknown[]) => {
          try {
            return await client.query(sql, parameters as unknown[]);
          } catch (error) {
            broken ||= isConnectionFailure(error);
            throw storeErrorOf(error);
          }
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => {
          client.off('error', markBroken);
          client.release(destroy || broken);
        },
      };
    },
    end: () => pool.end(),
  };
}
