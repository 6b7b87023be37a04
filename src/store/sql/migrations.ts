import type { SqlDriver, SqlExecutor } from './executor.js';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration transaction. */
  up(db: SqlExecutor): Promise<void>;
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, in one transaction, in version
 * order. `serialize` takes whatever lock keeps two processes from migrating at once.
 */
export async function applyMigrations(
  driver: SqlDriver,
  migrations: Migration[],
  serialize: (db: SqlExecutor) => Promise<void> = async () => {},
): Promise<number[]> {
  return driver.transaction(async (db) => {
    await serialize(db);
    await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const pending = migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await migration.up(db);
      await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((m) => m.version);
  });
}
