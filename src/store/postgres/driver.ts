import pg from 'pg';
import type { SqlDriver, SqlExecutor } from '../sql/executor.js';

/** Rewrites `?` placeholders as `$1, $2, …` (our SQL never has a literal `?`). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function bindable(params: unknown[]): unknown[] {
  return params.map((p) => {
    if (p === undefined) return null;
    if (p instanceof Float32Array) return Array.from(p);
    if (typeof p === 'bigint') return p.toString();
    return p;
  });
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  const query = async <T>(sql: string, params: unknown[] = []) =>
    client.query(numberPlaceholders(sql), bindable(params)) as unknown as Promise<pg.QueryResult<T & pg.QueryResultRow>>;
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: unknown[]) => (await query<T>(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: unknown[]) => (await query<T>(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: unknown[]) => (await query(sql, params)).rowCount ?? 0,
    exec: async (sql: string) => void (await client.query(sql)),
  };
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly inner: SqlExecutor;

  constructor(readonly pool: pg.Pool) {
    this.inner = executor(pool);
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.inner.all<T>(sql, params);
  }

  get<T>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return this.inner.get<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.inner.run(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
