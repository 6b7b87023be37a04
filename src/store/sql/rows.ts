import type { Insertable, Kysely } from 'kysely';
import type { Scope } from '../../model/scope.js';
import { scopeIdOf } from '../scope-id.js';
import type { SqlDialect } from './dialect.js';
import type { Database } from './tables.js';

/** What every repository is built on: the Kysely instance (root or transaction) and the dialect. */
export interface SqlContext {
  db: Kysely<Database>;
  dialect: SqlDialect;
}

/** Fewer bound parameters per statement than either dialect's limit (SQLite 32,766; PostgreSQL 65,535). */
const PARAMETERS_PER_STATEMENT = 30_000;

/** Inserts many rows, as many per statement as the parameter limit allows. */
export async function insertRows<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: Array<Insertable<Database[T]>>): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await db.insertInto(table).values(rows.slice(start, start + perStatement) as never).execute();
  }
}

/** The scope's identity columns, as rows read within a scope report them. */
export function owner(scope: Scope): Scope {
  return { tenantId: scope.tenantId, externalId: scope.externalId };
}

/** Records that the scope owns rows, so listing and exporting scopes find it; call it in the writing transaction. */
export async function registerScope(db: Kysely<Database>, scope: Scope, at: string): Promise<void> {
  await db
    .insertInto('scopes')
    .values({ scope_id: scopeIdOf(scope), tenant_id: scope.tenantId, external_id: scope.externalId, created_at: at })
    .onConflict((oc) => oc.column('scope_id').doNothing())
    .execute();
}

export { scopeIdOf };
