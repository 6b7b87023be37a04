import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { Logger } from '../../logger.js';
import { applyMigrations } from '../sql/migrations.js';
import { SqlStore } from '../sql/sql-store.js';
import { SqliteDriver } from './driver.js';
import { SqliteSearchIndex } from './search-index.js';
import { SqliteLockManager } from './locks.js';
import { sqliteMigrations } from './migrations.js';

/** Opens (creating when needed) the SQLite file, loads sqlite-vec, migrates. */
export async function openSqliteStore(file: string, logger?: Logger): Promise<SqlStore> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    sqliteVec.load(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const driver = new SqliteDriver(db);
  await applyMigrations(driver, sqliteMigrations);
  logger?.info({ file, vectors: 'sqlite-vec' }, 'opened SQLite store');
  return new SqlStore(driver, {
    vectorMode: 'sqlite-vec',
    searchIndex: (executor) => new SqliteSearchIndex(executor),
    locks: new SqliteLockManager(driver),
    ping: async () => void (await driver.get('SELECT 1')),
  });
}
