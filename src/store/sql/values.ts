import type { Scope } from '../../model/scope.js';

/** `(?, ?, ?)` for an IN list; callers never pass an empty list. */
export function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** The WHERE fragment and parameters every scoped query starts with. */
export function scopeWhere(scope: Scope, alias = ''): { sql: string; params: string[] } {
  const prefix = alias ? `${alias}.` : '';
  return { sql: `${prefix}tenant_id = ? AND ${prefix}external_id = ?`, params: [scope.tenantId, scope.externalId] };
}

/** `LIKE` pattern for a JSON-encoded string inside a JSON array column, with wildcards escaped. */
export function jsonElementPattern(value: string): string {
  return `%${JSON.stringify(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Builds `SET a = ?, b = ?` from a patch, skipping undefined fields. */
export function setClause(columns: Record<string, unknown>): { sql: string; params: unknown[] } {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  return { sql: entries.map(([c]) => `${c} = ?`).join(', '), params: entries.map(([, v]) => v) };
}
