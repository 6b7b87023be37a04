import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.js';

/** What a migration is handed: the transaction, and a way to run a script of several statements. */
export interface MigrationContext {
  db: Kysely<Database>;
  exec(script: string): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration transaction. */
  up(context: MigrationContext): Promise<void>;
}

export interface MigrationPlan {
  /** Every version, oldest first; a database migrates through those it has not applied. */
  migrations: Migration[];
  /** Makes the latest schema on an empty database (every version is then recorded as applied). */
  createLatest(context: MigrationContext): Promise<void>;
  /** Runs first in the migration transaction: whatever keeps two processes from migrating at once. */
  serialize?(context: MigrationContext): Promise<void>;
}

/** The newest schema version a plan knows. */
export function latestVersion(plan: MigrationPlan): number {
  return Math.max(...plan.migrations.map((m) => m.version));
}

/**
 * Brings the schema to the latest version in one transaction: an empty database gets the latest
 * schema at once, an older one each migration it lacks, in order. Returns the versions applied.
 */
export async function migrate(context: MigrationContext, plan: MigrationPlan): Promise<number[]> {
  await plan.serialize?.(context);
  await context.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const { db } = context;
  const applied = new Set((await db.selectFrom('schema_migrations').select('version').execute()).map((r) => Number(r.version)));
  const fresh = applied.size === 0;
  if (fresh) await plan.createLatest(context);
  const pending = plan.migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    if (!fresh) await migration.up(context);
    await db
      .insertInto('schema_migrations')
      .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
      .execute();
  }
  return pending.map((m) => m.version);
}

/** The schema version a database is at (0 before the first migration). */
export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('schema_migrations').select(sql<number>`MAX(version)`.as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}
