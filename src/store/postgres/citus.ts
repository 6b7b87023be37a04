import { sql, type Kysely } from 'kysely';
import { ConfigError } from '../../errors.js';
import { SCOPED_TABLES, type Database } from '../sql/tables.js';

/** Functions the queries call; made before Citus was installed, they exist on the coordinator only. */
const QUERY_FUNCTIONS = ['agent_mem_dot(real[], real[])', 'agent_mem_scope_id(text, text)'];

/** Store-wide tables read on every node: one copy on each (written rarely). */
const REFERENCE_TABLES = ['store_meta'];

export async function hasCitus(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM pg_extension WHERE extname = 'citus'`.execute(db);
  return rows.length > 0;
}

async function distributedTables(db: Kysely<Database>): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition`.execute(db);
  return new Set(rows.map((r) => r.name));
}

async function hasRows(db: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(db);
  return rows.length > 0;
}

async function distributeFunctions(db: Kysely<Database>): Promise<void> {
  for (const signature of QUERY_FUNCTIONS) {
    const { rows } = await sql`SELECT 1 FROM pg_dist_object WHERE objid = ${signature}::regprocedure`.execute(db);
    if (rows.length === 0) await sql`SELECT create_distributed_function(${signature})`.execute(db);
  }
}

export interface DistributeOptions {
  /**
   * Also distribute tables that already hold rows (copied to the shards, then the coordinator's
   * local copy truncated): `agent-mem migrate --distribute`. Without it such a table is an error.
   */
  withData: boolean;
}

/**
 * Distributes every scoped table by `scope_id`, all colocated with `scopes` (parents before the
 * tables whose foreign keys point at them: SCOPED_TABLES is in that order), makes the store-wide
 * tables reference tables, and the query functions distributed. `locks` and `schema_migrations`
 * stay on the coordinator: leases are written often, and writes to a reference table serialise.
 * Idempotent: what is distributed already is left alone. Returns the tables it distributed.
 */
export async function distribute(db: Kysely<Database>, options: DistributeOptions): Promise<string[]> {
  const done = await distributedTables(db);
  const pending = SCOPED_TABLES.filter((table) => !done.has(table));
  if (!options.withData) {
    const filled = [];
    for (const table of pending) if (await hasRows(db, table)) filled.push(table);
    if (filled.length > 0) {
      throw new ConfigError(
        `this database has the citus extension but its tables are not distributed yet (${filled.join(', ')} hold rows); run \`agent-mem migrate --distribute\``,
        { tables: filled },
      );
    }
  }
  await distributeFunctions(db);
  for (const table of pending) {
    const colocateWith = table === 'scopes' ? 'default' : 'scopes';
    await sql`SELECT create_distributed_table(${table}, 'scope_id', colocate_with => ${colocateWith})`.execute(db);
  }
  const references = REFERENCE_TABLES.filter((t) => !done.has(t));
  for (const table of references) await sql`SELECT create_reference_table(${table})`.execute(db);
  // The coordinator's old copies go once nothing local refers to them any more, children first.
  if (options.withData) {
    for (const table of [...[...pending].reverse(), ...references]) await sql`SELECT truncate_local_data_after_distributing_table(${table})`.execute(db);
  }
  return pending;
}
