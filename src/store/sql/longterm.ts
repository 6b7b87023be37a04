import type { Json, Scope } from '../../model/scope.js';
import type { LongTermChunk, LongTermEntity, LongTermRelationship } from '../../model/tiers.js';
import type { EntityPatch, LongTermChunkFilter, LongTermRepository, RelationshipPatch } from '../port.js';
import type { SqlExecutor } from './executor.js';
import {
  entityColumns,
  entityFromRow,
  entityPatchColumns,
  insertRow,
  relationshipColumns,
  relationshipFromRow,
  relationshipPatchColumns,
  updateScopedRow,
  type EntityRow,
  type RelationshipRow,
} from './graph-rows.js';
import { fromJson, placeholders, scopeWhere, toJson } from './values.js';

interface ChunkRow {
  id: string;
  tenant_id: string;
  external_id: string;
  active_memory_id: string | null;
  section_id: string | null;
  content: string;
  confidence: number;
  importance: number;
  start_date: string;
  end_date: string | null;
  last_updated: string;
  source_shortterm_id: string | null;
  metadata: string;
  created_at: string;
}

function chunkFromRow(row: ChunkRow): LongTermChunk {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    activeMemoryId: row.active_memory_id,
    sectionId: row.section_id,
    content: row.content,
    confidence: Number(row.confidence),
    importance: Number(row.importance),
    startDate: row.start_date,
    endDate: row.end_date,
    lastUpdated: row.last_updated,
    sourceShorttermId: row.source_shortterm_id,
    metadata: fromJson<Json>(row.metadata, {}),
    createdAt: row.created_at,
  };
}

export class SqlLongTermRepository implements LongTermRepository {
  constructor(private readonly db: SqlExecutor) {}

  async listChunks(scope: Scope, filter: LongTermChunkFilter = {}): Promise<LongTermChunk[]> {
    const where = scopeWhere(scope);
    const clauses = [where.sql];
    const params: unknown[] = [...where.params];
    if (filter.activeMemoryId) {
      clauses.push('active_memory_id = ?');
      params.push(filter.activeMemoryId);
    }
    if (filter.sectionId) {
      clauses.push('section_id = ?');
      params.push(filter.sectionId);
    }
    if (filter.asOf) {
      clauses.push('start_date <= ? AND (end_date IS NULL OR end_date > ?)');
      params.push(filter.asOf, filter.asOf);
    } else if (!filter.includeEnded) {
      clauses.push('end_date IS NULL');
    }
    const rows = await this.db.all<ChunkRow>(`SELECT * FROM longterm_chunks WHERE ${clauses.join(' AND ')} ORDER BY start_date, id`, params);
    return rows.map(chunkFromRow);
  }

  async getChunks(scope: Scope, ids: string[]): Promise<LongTermChunk[]> {
    if (ids.length === 0) return [];
    const where = scopeWhere(scope);
    const rows = await this.db.all<ChunkRow>(`SELECT * FROM longterm_chunks WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`, [...where.params, ...ids]);
    return rows.map(chunkFromRow);
  }

  async insertChunk(chunk: LongTermChunk): Promise<void> {
    await insertRow(this.db, 'longterm_chunks', {
      id: chunk.id,
      tenant_id: chunk.tenantId,
      external_id: chunk.externalId,
      active_memory_id: chunk.activeMemoryId,
      section_id: chunk.sectionId,
      content: chunk.content,
      confidence: chunk.confidence,
      importance: chunk.importance,
      start_date: chunk.startDate,
      end_date: chunk.endDate,
      last_updated: chunk.lastUpdated,
      source_shortterm_id: chunk.sourceShorttermId,
      metadata: toJson(chunk.metadata),
      created_at: chunk.createdAt,
    });
  }

  async closeChunk(scope: Scope, id: string, endDate: string): Promise<void> {
    await updateScopedRow(this.db, 'longterm_chunks', scope, id, { end_date: endDate, last_updated: endDate });
  }

  async listEntities(scope: Scope): Promise<LongTermEntity[]> {
    const where = scopeWhere(scope);
    const rows = await this.db.all<EntityRow>(`SELECT * FROM longterm_entities WHERE ${where.sql} ORDER BY created_at, id`, where.params);
    return rows.map(entityFromRow);
  }

  async insertEntity(entity: LongTermEntity): Promise<void> {
    await insertRow(this.db, 'longterm_entities', entityColumns(entity));
  }

  async updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void> {
    await updateScopedRow(this.db, 'longterm_entities', scope, id, entityPatchColumns(patch, at));
  }

  async listRelationships(scope: Scope): Promise<LongTermRelationship[]> {
    const where = scopeWhere(scope);
    const rows = await this.db.all<RelationshipRow & { start_date: string; end_date: string | null }>(
      `SELECT * FROM longterm_relationships WHERE ${where.sql} ORDER BY created_at, id`,
      where.params,
    );
    return rows.map((row) => ({ ...relationshipFromRow(row), startDate: row.start_date, endDate: row.end_date }));
  }

  async insertRelationship(relationship: LongTermRelationship): Promise<void> {
    await insertRow(this.db, 'longterm_relationships', {
      ...relationshipColumns(relationship),
      start_date: relationship.startDate,
      end_date: relationship.endDate,
    });
  }

  async updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void> {
    await updateScopedRow(this.db, 'longterm_relationships', scope, id, {
      ...relationshipPatchColumns(patch, at),
      end_date: patch.endDate,
    });
  }
}
