import type { Json, Scope } from '../../model/scope.js';
import type { ShortTermChunk, ShortTermEntity, ShortTermMemory, ShortTermRelationship } from '../../model/tiers.js';
import type { EntityPatch, RelationshipPatch, ShortTermRepository } from '../port.js';
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

interface MemoryRow {
  id: string;
  tenant_id: string;
  external_id: string;
  active_memory_id: string;
  update_count: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

interface ChunkRow {
  id: string;
  shortterm_id: string;
  tenant_id: string;
  external_id: string;
  section_id: string;
  content: string;
  metadata: string;
  created_at: string;
  updated_at: string;
}

function memoryFromRow(row: MemoryRow): ShortTermMemory {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    activeMemoryId: row.active_memory_id,
    updateCount: Number(row.update_count),
    metadata: fromJson<Json>(row.metadata, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function chunkFromRow(row: ChunkRow): ShortTermChunk {
  return {
    id: row.id,
    shorttermId: row.shortterm_id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    sectionId: row.section_id,
    content: row.content,
    metadata: fromJson<Json>(row.metadata, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `AND shortterm_id = ?` when the filter names one. */
function byShortterm(filter?: { shorttermId?: string }): { sql: string; params: string[] } {
  return filter?.shorttermId ? { sql: ' AND shortterm_id = ?', params: [filter.shorttermId] } : { sql: '', params: [] };
}

export class SqlShortTermRepository implements ShortTermRepository {
  constructor(private readonly db: SqlExecutor) {}

  async getForMemory(scope: Scope, activeMemoryId: string): Promise<ShortTermMemory | undefined> {
    const where = scopeWhere(scope);
    const row = await this.db.get<MemoryRow>(
      `SELECT * FROM shortterm_memories WHERE ${where.sql} AND active_memory_id = ?`,
      [...where.params, activeMemoryId],
    );
    return row && memoryFromRow(row);
  }

  async insert(memory: ShortTermMemory): Promise<void> {
    await insertRow(this.db, 'shortterm_memories', {
      id: memory.id,
      tenant_id: memory.tenantId,
      external_id: memory.externalId,
      active_memory_id: memory.activeMemoryId,
      update_count: memory.updateCount,
      metadata: toJson(memory.metadata),
      created_at: memory.createdAt,
      updated_at: memory.updatedAt,
    });
  }

  async update(scope: Scope, id: string, patch: { updateCount?: number; metadata?: Json }, at: string): Promise<void> {
    await updateScopedRow(this.db, 'shortterm_memories', scope, id, {
      update_count: patch.updateCount,
      metadata: patch.metadata && toJson(patch.metadata),
      updated_at: at,
    });
  }

  async listChunks(scope: Scope, filter?: { shorttermId?: string; sectionId?: string }): Promise<ShortTermChunk[]> {
    const where = scopeWhere(scope);
    const st = byShortterm(filter);
    const section = filter?.sectionId ? { sql: ' AND section_id = ?', params: [filter.sectionId] } : { sql: '', params: [] };
    const rows = await this.db.all<ChunkRow>(
      `SELECT * FROM shortterm_chunks WHERE ${where.sql}${st.sql}${section.sql} ORDER BY created_at, id`,
      [...where.params, ...st.params, ...section.params],
    );
    return rows.map(chunkFromRow);
  }

  async getChunks(scope: Scope, ids: string[]): Promise<ShortTermChunk[]> {
    if (ids.length === 0) return [];
    const where = scopeWhere(scope);
    const rows = await this.db.all<ChunkRow>(`SELECT * FROM shortterm_chunks WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`, [...where.params, ...ids]);
    return rows.map(chunkFromRow);
  }

  async insertChunk(chunk: ShortTermChunk): Promise<void> {
    await insertRow(this.db, 'shortterm_chunks', {
      id: chunk.id,
      shortterm_id: chunk.shorttermId,
      tenant_id: chunk.tenantId,
      external_id: chunk.externalId,
      section_id: chunk.sectionId,
      content: chunk.content,
      metadata: toJson(chunk.metadata),
      created_at: chunk.createdAt,
      updated_at: chunk.updatedAt,
    });
  }

  async updateChunk(scope: Scope, id: string, patch: { content?: string; metadata?: Json }, at: string): Promise<void> {
    await updateScopedRow(this.db, 'shortterm_chunks', scope, id, {
      content: patch.content,
      metadata: patch.metadata && toJson(patch.metadata),
      updated_at: at,
    });
  }

  async deleteChunks(scope: Scope, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const where = scopeWhere(scope);
    return this.db.run(`DELETE FROM shortterm_chunks WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`, [...where.params, ...ids]);
  }

  async listEntities(scope: Scope, filter?: { shorttermId?: string }): Promise<ShortTermEntity[]> {
    const where = scopeWhere(scope);
    const st = byShortterm(filter);
    const rows = await this.db.all<EntityRow & { shortterm_id: string }>(
      `SELECT * FROM shortterm_entities WHERE ${where.sql}${st.sql} ORDER BY created_at, id`,
      [...where.params, ...st.params],
    );
    return rows.map((row) => ({ ...entityFromRow(row), shorttermId: row.shortterm_id }));
  }

  async insertEntity(entity: ShortTermEntity): Promise<void> {
    await insertRow(this.db, 'shortterm_entities', { ...entityColumns(entity), shortterm_id: entity.shorttermId });
  }

  async updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void> {
    await updateScopedRow(this.db, 'shortterm_entities', scope, id, entityPatchColumns(patch, at));
  }

  async listRelationships(scope: Scope, filter?: { shorttermId?: string }): Promise<ShortTermRelationship[]> {
    const where = scopeWhere(scope);
    const st = byShortterm(filter);
    const rows = await this.db.all<RelationshipRow & { shortterm_id: string }>(
      `SELECT * FROM shortterm_relationships WHERE ${where.sql}${st.sql} ORDER BY created_at, id`,
      [...where.params, ...st.params],
    );
    return rows.map((row) => ({ ...relationshipFromRow(row), shorttermId: row.shortterm_id }));
  }

  async insertRelationship(relationship: ShortTermRelationship): Promise<void> {
    await insertRow(this.db, 'shortterm_relationships', { ...relationshipColumns(relationship), shortterm_id: relationship.shorttermId });
  }

  async updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void> {
    await updateScopedRow(this.db, 'shortterm_relationships', scope, id, relationshipPatchColumns(patch, at));
  }

  async deleteForMemory(scope: Scope, activeMemoryId: string): Promise<void> {
    const memory = await this.getForMemory(scope, activeMemoryId);
    if (!memory) return;
    const where = scopeWhere(scope);
    for (const table of ['shortterm_chunks', 'shortterm_entities', 'shortterm_relationships']) {
      await this.db.run(`DELETE FROM ${table} WHERE ${where.sql} AND shortterm_id = ?`, [...where.params, memory.id]);
    }
    await this.db.run(`DELETE FROM shortterm_memories WHERE ${where.sql} AND id = ?`, [...where.params, memory.id]);
  }
}
