import type { Expression, SqlBool } from 'kysely';
import type { MetadataFilter } from '../port.js';

export type StoreKind = 'sqlite' | 'postgres' | 'citus';

/**
 * What the shared repositories need from a dialect: how JSON and list columns are written and
 * read, and the two conditions whose SQL differs (list overlap, JSON containment).
 */
export interface SqlDialect {
  readonly kind: StoreKind;
  json(value: unknown): unknown;
  readJson<T>(value: unknown): T;
  list(values: readonly string[]): unknown;
  readList(value: unknown): string[];
  /** True when the list column holds at least one of `values` (never called with none). */
  listOverlaps(column: string, values: readonly string[]): Expression<SqlBool>;
  /** True when the JSON object column holds every key with exactly the given scalar value. */
  jsonContains(column: string, pairs: MetadataFilter): Expression<SqlBool>;
}
