import type { Json, Scope } from '../../model/scope.js';
import type { Entity, Relationship } from '../../model/tiers.js';
import type { EntityPatch, RelationshipPatch } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { fromJson, scopeWhere, setClause, toJson } from './values.js';

/** Row shapes and column mapping shared by the short-term and long-term entity/relationship tables. */
export interface EntityRow {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string;
  types: string;
  description: string;
  confidence: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

export interface RelationshipRow {
  id: string;
  tenant_id: string;
  external_id: string;
  source_name: string;
  target_name: string;
  type: string;
  description: string;
  confidence: number;
  strength: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

export function entityFromRow(row: EntityRow): Entity {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    name: row.name,
    types: fromJson<string[]>(row.types, []),
    description: row.description,
    confidence: Number(row.confidence),
    metadata: fromJson<Json>(row.metadata, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function relationshipFromRow(row: RelationshipRow): Relationship {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    sourceName: row.source_name,
    targetName: row.target_name,
    type: row.type,
    description: row.description,
    confidence: Number(row.confidence),
    strength: Number(row.strength),
    metadata: fromJson<Json>(row.metadata, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function entityColumns(entity: Entity): Record<string, unknown> {
  return {
    id: entity.id,
    tenant_id: entity.tenantId,
    external_id: entity.externalId,
    name: entity.name,
    types: toJson(entity.types),
    description: entity.description,
    confidence: entity.confidence,
    metadata: toJson(entity.metadata),
    created_at: entity.createdAt,
    updated_at: entity.updatedAt,
  };
}

export function relationshipColumns(relationship: Relationship): Record<string, unknown> {
  return {
    id: relationship.id,
    tenant_id: relationship.tenantId,
    external_id: relationship.externalId,
    source_name: relationship.sourceName,
    target_name: relationship.targetName,
    type: relationship.type,
    description: relationship.description,
    confidence: relationship.confidence,
    strength: relationship.strength,
    metadata: toJson(relationship.metadata),
    created_at: relationship.createdAt,
    updated_at: relationship.updatedAt,
  };
}

export async function insertRow(db: SqlExecutor, table: string, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  await db.run(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    Object.values(columns),
  );
}

/** Applies a patch to one scoped row; undefined fields are left alone. */
export async function updateScopedRow(
  db: SqlExecutor,
  table: string,
  scope: Scope,
  id: string,
  columns: Record<string, unknown>,
): Promise<void> {
  const set = setClause(columns);
  if (!set.sql) return;
  const where = scopeWhere(scope);
  await db.run(`UPDATE ${table} SET ${set.sql} WHERE ${where.sql} AND id = ?`, [...set.params, ...where.params, id]);
}

export function entityPatchColumns(patch: EntityPatch, at: string): Record<string, unknown> {
  return {
    name: patch.name,
    types: patch.types && toJson(patch.types),
    description: patch.description,
    confidence: patch.confidence,
    metadata: patch.metadata && toJson(patch.metadata),
    updated_at: at,
  };
}

export function relationshipPatchColumns(patch: RelationshipPatch, at: string): Record<string, unknown> {
  return {
    type: patch.type,
    description: patch.description,
    confidence: patch.confidence,
    strength: patch.strength,
    metadata: patch.metadata && toJson(patch.metadata),
    updated_at: at,
  };
}
