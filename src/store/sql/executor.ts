export type SqlDialect = 'sqlite' | 'postgres';

/** The dialect-neutral way repositories talk SQL. Placeholders are written `?` in both dialects. */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** An executor that owns a connection (or pool) and can open transactions. */
export interface SqlDriver extends SqlExecutor {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
