import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor } from '../sql/executor.js';

/** Serializes async callers over one synchronous connection, so a transaction sees only its own statements. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

type Param = string | number | bigint | Buffer | null;

function bindable(params: unknown[]): Param[] {
  return params.map((p) => {
    if (p === undefined || p === null) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Float32Array) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
    return p as Param;
  });
}

/** Prepared statements kept for reuse; SQLite re-prepares one itself when the schema changes. */
const CACHED_STATEMENTS = 256;

function executor(db: Database.Database): SqlExecutor {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: unknown[] = []) => prepare(sql).all(...bindable(params)) as T[],
    get: async <T>(sql: string, params: unknown[] = []) => prepare(sql).get(...bindable(params)) as T | undefined,
    run: async (sql: string, params: unknown[] = []) => prepare(sql).run(...bindable(params)).changes,
    exec: async (sql: string) => void db.exec(sql),
  };
}

/**
 * One connection shared by every caller. Outside a transaction each statement waits its turn; a
 * statement issued from inside a transaction's callback (even through the root store) runs in
 * that transaction instead of waiting for it forever.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new Mutex();
  private readonly inner: SqlExecutor;
  private readonly openTransaction = new AsyncLocalStorage<{ open: boolean }>();

  constructor(readonly db: Database.Database) {
    this.inner = executor(db);
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.serialize(() => this.inner.all<T>(sql, params));
  }

  get<T>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return this.serialize(() => this.inner.get<T>(sql, params));
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.serialize(() => this.inner.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.serialize(() => this.inner.exec(sql));
  }

  /** BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.insideTransaction()) return fn(this.inner);
    return this.mutex.run(() => {
      const state = { open: true };
      return this.openTransaction.run(state, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(this.inner);
          this.db.exec('COMMIT');
          return result;
        } catch (error) {
          this.db.exec('ROLLBACK');
          throw error;
        } finally {
          // Work started inside the callback that outlives it must queue like everyone else.
          state.open = false;
        }
      });
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(() => this.db.close());
  }

  private insideTransaction(): boolean {
    return this.openTransaction.getStore()?.open === true;
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    return this.insideTransaction() ? fn() : this.mutex.run(fn);
  }
}
