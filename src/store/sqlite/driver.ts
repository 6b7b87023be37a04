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

function executor(db: Database.Database): SqlExecutor {
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...bindable(params)) as T[],
    get: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).get(...bindable(params)) as T | undefined,
    run: async (sql: string, params: unknown[] = []) => db.prepare(sql).run(...bindable(params)).changes,
    exec: async (sql: string) => void db.exec(sql),
  };
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new Mutex();
  private readonly inner: SqlExecutor;

  constructor(readonly db: Database.Database) {
    this.inner = executor(db);
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.mutex.run(() => this.inner.all<T>(sql, params));
  }

  get<T>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return this.mutex.run(() => this.inner.get<T>(sql, params));
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.mutex.run(() => this.inner.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.mutex.run(() => this.inner.exec(sql));
  }

  /** BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.inner);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(() => this.db.close());
  }
}
