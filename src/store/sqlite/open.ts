import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import * as sqliteVec from 'sqlite-vec';
import type { Logger } from '../../logger.js';
import type { StoreStatus } from '../port.js';
import { scopeIdOf } from '../scope-id.js';
import { LeaseLockManager, localClock } from '../sql/leases.js';
import { migrate, schemaVersion, type MigrationContext } from '../sql/migrations.js';
import { SqlStore } from '../sql/sql-store.js';
import type { Database as Tables } from '../sql/tables.js';
import { sqliteSqlDialect } from './dialect.js';
import { SqliteDriver, sqliteDialect } from './driver.js';
import { sqliteMigrations } from './migrations.js';
import { scopedTerms } from './scoped-terms.js';
import { SqliteSearchIndex } from './search-index.js';

export interface SqliteStoreOptions {
  logger?: Logger;
  /** How long a write waits for another process's lock before failing with UnavailableError. */
  busyTimeoutMs?: number;
}

export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 15_000;

function openFile(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // Waiting for another process is done asynchronously by the driver, never by blocking here.
    db.pragma('busy_timeout = 0');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    sqliteVec.load(db);
    // What the conversion of a first-schema file computes in SQL.
    db.function('agent_mem_scope_id', { deterministic: true }, (tenantId, externalId) => scopeIdOf({ tenantId: String(tenantId), externalId: String(externalId) }));
    db.function('agent_mem_scoped_terms', { deterministic: true }, (scopeId, text) => scopedTerms(String(scopeId), String(text)));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens (creating when needed) the SQLite file, loads sqlite-vec, migrates. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqlStore> {
  const connection = openFile(file);
  const driver = new SqliteDriver(connection, { busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS });
  const db = new Kysely<Tables>({ dialect: sqliteDialect(driver) });
  const transaction = <T>(on: Kysely<Tables>, fn: (trx: Kysely<Tables>) => Promise<T>) => driver.inTransactionScope(() => on.transaction().execute(fn));
  const exec = async (script: string) => void connection.exec(script);
  try {
    await transaction(db, (trx) => migrate({ db: trx, exec } satisfies MigrationContext, sqliteMigrations));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  options.logger?.info({ file, vectors: 'sqlite-vec' }, 'opened SQLite store');
  const locks = new LeaseLockManager(db, localClock);
  return new SqlStore(db, {
    kind: 'sqlite',
    vectorMode: 'sqlite-vec',
    dialect: sqliteSqlDialect,
    locks,
    searchIndex: (on) => new SqliteSearchIndex(on, sqliteSqlDialect),
    transaction,
    ping: async () => void (await db.selectFrom('store_meta').select('key').limit(1).execute()),
    status: async (): Promise<StoreStatus> => ({ kind: 'sqlite', vectors: 'sqlite-vec', schemaVersion: await schemaVersion(db) }),
    close: async () => {
      locks.stopRenewing();
      await db.destroy();
    },
  });
}
