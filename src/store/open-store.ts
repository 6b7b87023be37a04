import path from 'node:path';
import type { AgentMemConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from './port.js';

export const SQLITE_FILE = 'agent-mem.db';

export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string;
  config: Pick<AgentMemConfig, 'postgres' | 'sqliteBusyTimeoutMs'>;
  logger?: Logger;
  /** On a Citus coordinator, distribute tables that already hold rows too (`agent-mem migrate --distribute`). */
  distributeExisting?: boolean;
}

/** PostgreSQL when a URL is given, else the SQLite file under `dataDir`. Migrations run on open. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { config, logger } = options;
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/open.js');
    const { poolSize, connectTimeoutMs, statementTimeoutMs, pgvector, exactScanMax } = config.postgres;
    return openPostgresStore(options.databaseUrl, {
      logger,
      pool: { size: poolSize, connectTimeoutMs, statementTimeoutMs },
      pgvector,
      exactScanMax,
      ...(options.distributeExisting && { distributeExisting: true }),
    });
  }
  const { openSqliteStore } = await import('./sqlite/open.js');
  return openSqliteStore(path.join(options.dataDir, SQLITE_FILE), { logger, busyTimeoutMs: config.sqliteBusyTimeoutMs });
}
