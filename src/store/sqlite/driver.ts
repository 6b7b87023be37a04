import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  SqliteAdapter,
  type CompiledQuery,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { UnavailableError } from '../../errors.js';

/** Hands one resource to one holder at a time, in arrival order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

type Param = string | number | bigint | Buffer | null;

function bindable(params: readonly unknown[]): Param[] {
  return params.map((p) => {
    if (p === undefined || p === null) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Float32Array) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
    return p as Param;
  });
}

const isBusy = (error: unknown) => (error as { code?: unknown }).code === 'SQLITE_BUSY' || (error as { code?: unknown }).code === 'SQLITE_LOCKED';

/** Prepared statements kept for reuse; SQLite re-prepares one itself when the schema changes. */
const CACHED_STATEMENTS = 256;

/**
 * Statements are synchronous and a resolved await never lets the event loop turn, so a long run of
 * them (a 500-episode transaction is thousands) would hold the loop for its whole length; past this
 * much time without a turn the next statement waits for one.
 */
const MAX_HOLD_MS = 20;

export interface SqliteDriverOptions {
  /** How long a statement or transaction waits for another process's write lock before failing. */
  busyTimeoutMs: number;
}

/**
 * The one connection to the file. Another process's write lock is waited out asynchronously, with
 * backoff, so the event loop keeps serving (the connection's own busy timeout is 0); past
 * `busyTimeoutMs` the call fails with UnavailableError, having written nothing.
 */
class SqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Database.Statement>();
  /** When statements started running since the event loop last turned. */
  private holdingSince: number | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteDriverOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.letLoopTurn();
    return this.whenFree(() => this.execute<R>(query));
  }

  /** Lets timers and I/O run when statements have held the event loop for MAX_HOLD_MS. */
  private async letLoopTurn(): Promise<void> {
    const now = performance.now();
    if (this.holdingSince === undefined) {
      this.holdingSince = now;
      setImmediate(() => (this.holdingSince = undefined));
    } else if (now - this.holdingSince > MAX_HOLD_MS) {
      await nextTurn();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used by agent-mem');
  }

  /** Runs `fn`, retrying while another process holds the write lock, until the deadline. */
  async whenFree<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.options.busyTimeoutMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      try {
        return fn();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() + delay > deadline) {
          throw new UnavailableError(`the SQLite database stayed locked by another process for ${this.options.busyTimeoutMs} ms`, { cause: 'SQLITE_BUSY' });
        }
        await sleep(delay * (0.5 + Math.random()));
      }
    }
  }

  private execute<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.prepare(query.sql);
    const params = bindable(query.parameters);
    if (statement.reader) return { rows: statement.all(...params) as R[] };
    const { changes } = statement.run(...params);
    return { rows: [], numAffectedRows: BigInt(changes) };
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= CACHED_STATEMENTS) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** A connection handed to a statement issued inside an open transaction: it joins it. */
class JoinedConnection implements DatabaseConnection {
  constructor(private readonly inner: SqliteConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>();
  }
}

interface TransactionScope {
  /** True while the transaction holds the connection. */
  holds: boolean;
}

/**
 * Kysely driver over one better-sqlite3 connection shared by every caller. Outside a transaction
 * each statement waits its turn; a statement issued from inside a transaction's callback (even
 * through the root Kysely instance) runs in that transaction instead of waiting for it forever.
 * Transactions begin IMMEDIATE: the write lock is taken up front, so two processes never
 * deadlock upgrading a read lock.
 */
export class SqliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: SqliteConnection;
  private readonly joined: JoinedConnection;
  private readonly transactions = new AsyncLocalStorage<TransactionScope>();
  /** Frees the connection for the next holder. */
  private release?: () => void;

  constructor(
    readonly db: Database.Database,
    options: SqliteDriverOptions,
  ) {
    this.connection = new SqliteConnection(db, options);
    this.joined = new JoinedConnection(this.connection);
  }

  /** Runs `fn` so that the transaction it opens can be joined by statements it issues. */
  inTransactionScope<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run({ holds: false }, fn);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const scope = this.transactions.getStore();
    if (scope?.holds) return this.joined;
    this.release = await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.transactions.getStore();
    await this.connection.whenFree(() => this.db.exec('BEGIN IMMEDIATE'));
    if (scope && connection === this.connection) scope.holds = true;
  }

  async commitTransaction(): Promise<void> {
    this.endTransaction();
    this.db.exec('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    this.endTransaction();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection !== this.connection) return;
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    const release = await this.mutex.lock();
    try {
      this.db.close();
    } finally {
      release();
    }
  }

  /** Work started inside the callback that outlives it must queue like everyone else. */
  private endTransaction(): void {
    const scope = this.transactions.getStore();
    if (scope) scope.holds = false;
  }
}

/** Kysely's SQLite dialect over our driver; the driver serialises callers itself. */
export function sqliteDialect(driver: SqliteDriver): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
