import { sql, type SqlBool } from 'kysely';
import type { SqlDialect, StoreKind } from '../sql/dialect.js';

/** PostgreSQL (and Citus) keep JSON as jsonb and lists as text[], with their own operators. */
export function postgresSqlDialect(kind: Extract<StoreKind, 'postgres' | 'citus'>): SqlDialect {
  return {
    kind,
    json: (value) => JSON.stringify(value ?? null),
    readJson: <T>(value: unknown) => value as T,
    list: (values) => [...values],
    readList: (value) => (Array.isArray(value) ? (value as string[]) : []),
    listOverlaps: (column, values) => sql<SqlBool>`${sql.ref(column)} && ${[...values]}::text[]`,
    jsonContains: (column, pairs) => sql<SqlBool>`${sql.ref(column)} @> ${JSON.stringify(pairs)}::jsonb`,
  };
}
