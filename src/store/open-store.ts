import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Store } from './port.js';

export const SQLITE_FILE = 'agent-mem.db';

/** PostgreSQL when a URL is given, else the SQLite file under `dataDir`. Migrations run on open. */
export async function openStore(options: { dataDir: string; databaseUrl?: string; logger?: Logger }): Promise<Store> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/open.js');
    return openPostgresStore(options.databaseUrl, options.logger);
  }
  const { openSqliteStore } = await import('./sqlite/open.js');
  return openSqliteStore(path.join(options.dataDir, SQLITE_FILE), options.logger);
}
