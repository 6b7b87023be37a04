import { sql, type Expression, type SqlBool } from 'kysely';
import type { MetadataFilter } from '../port.js';
import type { SqlDialect } from '../sql/dialect.js';

/** One JSON-each condition: the key is there, of the value's JSON type, with the value. */
function pairCondition(column: string, key: string, value: MetadataFilter[string]): Expression<SqlBool> {
  const entry = sql`SELECT 1 FROM json_each(${sql.ref(column)}) AS j WHERE j.key = ${key}`;
  if (value === null) return sql<SqlBool>`EXISTS (${entry} AND j.type = 'null')`;
  if (typeof value === 'boolean') return sql<SqlBool>`EXISTS (${entry} AND j.type = ${value ? 'true' : 'false'})`;
  if (typeof value === 'number') return sql<SqlBool>`EXISTS (${entry} AND j.type IN ('integer', 'real') AND j.atom = ${value})`;
  return sql<SqlBool>`EXISTS (${entry} AND j.type = 'text' AND j.atom = ${value})`;
}

/** SQLite keeps JSON and lists as JSON text and reads them with its JSON functions. */
export const sqliteSqlDialect: SqlDialect = {
  kind: 'sqlite',
  json: (value) => JSON.stringify(value ?? null),
  readJson: <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  list: (values) => JSON.stringify(values),
  readList: (value) => (typeof value === 'string' ? (JSON.parse(value) as string[]) : []),
  listOverlaps: (column, values) => sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) AS j WHERE j.value IN (${sql.join([...values])}))`,
  jsonContains: (column, pairs) => sql<SqlBool>`(${sql.join(Object.entries(pairs).map(([key, value]) => pairCondition(column, key, value)), sql` AND `)})`,
};
