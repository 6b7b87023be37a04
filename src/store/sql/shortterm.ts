import type { Selectable } from 'kysely';
import type { Json, Scope } from '../../model/scope.js';
import type { ShortTermChunk, ShortTermMemory } from '../../model/tiers.js';
import type { ShortTermRepository } from '../port.js';
import { insertRows, owner, scopeIdOf, type SqlContext } from './rows.js';
import type { ShorttermChunksTable, ShorttermMemoriesTable } from './tables.js';

export class SqlShortTermRepository implements ShortTermRepository {
  constructor(private readonly sql: SqlContext) {}

  async getForMemory(scope: Scope, activeMemoryId: string): Promise<ShortTermMemory | undefined> {
    const row = await this.sql.db
      .selectFrom('shortterm_memories')
      .selectAll()
      .where('scope_id', '=', scopeIdOf(scope))
      .where('active_memory_id', '=', activeMemoryId)
      .executeTakeFirst();
    return row && this.memoryOf(scope, row);
  }

  async insert(memory: ShortTermMemory): Promise<void> {
    await this.sql.db
      .insertInto('shortterm_memories')
      .values({
        scope_id: scopeIdOf(memory),
        id: memory.id,
        active_memory_id: memory.activeMemoryId,
        update_count: memory.updateCount,
        metadata: this.sql.dialect.json(memory.metadata),
        created_at: memory.createdAt,
        updated_at: memory.updatedAt,
      })
      .execute();
  }

  async update(scope: Scope, id: string, patch: { updateCount?: number; metadata?: Json }, at: string): Promise<void> {
    await this.sql.db
      .updateTable('shortterm_memories')
      .set({ update_count: patch.updateCount, metadata: patch.metadata && this.sql.dialect.json(patch.metadata), updated_at: at })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', '=', id)
      .execute();
  }

  async listChunks(scope: Scope, filter: { shorttermId?: string; sectionId?: string } = {}): Promise<ShortTermChunk[]> {
    let query = this.sql.db.selectFrom('shortterm_chunks').selectAll().where('scope_id', '=', scopeIdOf(scope));
    if (filter.shorttermId) query = query.where('shortterm_id', '=', filter.shorttermId);
    if (filter.sectionId) query = query.where('section_id', '=', filter.sectionId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => this.chunkOf(scope, row));
  }

  async getChunks(scope: Scope, ids: string[]): Promise<ShortTermChunk[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.db.selectFrom('shortterm_chunks').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('id', 'in', ids).execute();
    return rows.map((row) => this.chunkOf(scope, row));
  }

  async insertChunks(chunks: ShortTermChunk[]): Promise<void> {
    await insertRows(
      this.sql.db,
      'shortterm_chunks',
      chunks.map((chunk) => ({
        scope_id: scopeIdOf(chunk),
        id: chunk.id,
        shortterm_id: chunk.shorttermId,
        section_id: chunk.sectionId,
        content: chunk.content,
        metadata: this.sql.dialect.json(chunk.metadata),
        created_at: chunk.createdAt,
        updated_at: chunk.updatedAt,
      })),
    );
  }

  async updateChunk(scope: Scope, id: string, patch: { content?: string; metadata?: Json }, at: string): Promise<void> {
    await this.sql.db
      .updateTable('shortterm_chunks')
      .set({ content: patch.content, metadata: patch.metadata && this.sql.dialect.json(patch.metadata), updated_at: at })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', '=', id)
      .execute();
  }

  async deleteChunks(scope: Scope, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.sql.db.deleteFrom('shortterm_chunks').where('scope_id', '=', scopeIdOf(scope)).where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Chunks, entities and relationships go with the memory (their foreign keys cascade). */
  async deleteForMemory(scope: Scope, activeMemoryId: string): Promise<void> {
    await this.sql.db.deleteFrom('shortterm_memories').where('scope_id', '=', scopeIdOf(scope)).where('active_memory_id', '=', activeMemoryId).execute();
  }

  private memoryOf(scope: Scope, row: Selectable<ShorttermMemoriesTable>): ShortTermMemory {
    return {
      id: row.id,
      ...owner(scope),
      activeMemoryId: row.active_memory_id,
      updateCount: Number(row.update_count),
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private chunkOf(scope: Scope, row: Selectable<ShorttermChunksTable>): ShortTermChunk {
    return {
      id: row.id,
      shorttermId: row.shortterm_id,
      ...owner(scope),
      sectionId: row.section_id,
      content: row.content,
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
