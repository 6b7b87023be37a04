import { createHash } from 'node:crypto';
import type { Scope } from '../model/scope.js';

/**
 * The scope's key in every table: a UUID made of the first 128 bits of SHA-256 over the tenant's
 * byte length, the tenant and the external id (the length makes the pair unambiguous whatever
 * characters either holds). Derived, never looked up, so every query can name its scope and, on
 * Citus, be routed to the one shard that holds it. Migrations compute the same value in SQL.
 */
export function scopeIdOf(scope: Scope): string {
  const hex = createHash('sha256')
    .update(`${Buffer.byteLength(scope.tenantId)}:${scope.tenantId}:${scope.externalId}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
