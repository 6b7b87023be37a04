import type { Selectable } from 'kysely';
import type { Json, Scope } from '../../model/scope.js';
import type { LongTermChunk } from '../../model/tiers.js';
import type { LongTermChunkFilter, LongTermRepository } from '../port.js';
import { insertRows, owner, scopeIdOf, type SqlContext } from './rows.js';
import type { LongtermChunksTable } from './tables.js';

export class SqlLongTermRepository implements LongTermRepository {
  constructor(private readonly sql: SqlContext) {}

  async listChunks(scope: Scope, filter: LongTermChunkFilter = {}): Promise<LongTermChunk[]> {
    let query = this.sql.db.selectFrom('longterm_chunks').selectAll().where('scope_id', '=', scopeIdOf(scope));
    if (filter.activeMemoryId) query = query.where('active_memory_id', '=', filter.activeMemoryId);
    if (filter.sectionId) query = query.where('section_id', '=', filter.sectionId);
    const asOf = filter.asOf;
    if (asOf) query = query.where('start_date', '<=', asOf).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', asOf)]));
    else if (!filter.includeEnded) query = query.where('end_date', 'is', null);
    const rows = await query.orderBy('start_date').orderBy('id').execute();
    return rows.map((row) => this.chunkOf(scope, row));
  }

  async getChunks(scope: Scope, ids: string[]): Promise<LongTermChunk[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.db.selectFrom('longterm_chunks').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('id', 'in', ids).execute();
    return rows.map((row) => this.chunkOf(scope, row));
  }

  async insertChunks(chunks: LongTermChunk[]): Promise<void> {
    await insertRows(
      this.sql.db,
      'longterm_chunks',
      chunks.map((chunk) => ({
        scope_id: scopeIdOf(chunk),
        id: chunk.id,
        active_memory_id: chunk.activeMemoryId,
        section_id: chunk.sectionId,
        content: chunk.content,
        confidence: chunk.confidence,
        importance: chunk.importance,
        start_date: chunk.startDate,
        end_date: chunk.endDate,
        last_updated: chunk.lastUpdated,
        source_shortterm_id: chunk.sourceShorttermId,
        metadata: this.sql.dialect.json(chunk.metadata),
        created_at: chunk.createdAt,
      })),
    );
  }

  async closeChunk(scope: Scope, id: string, endDate: string): Promise<void> {
    await this.sql.db.updateTable('longterm_chunks').set({ end_date: endDate, last_updated: endDate }).where('scope_id', '=', scopeIdOf(scope)).where('id', '=', id).execute();
  }

  private chunkOf(scope: Scope, row: Selectable<LongtermChunksTable>): LongTermChunk {
    return {
      id: row.id,
      ...owner(scope),
      activeMemoryId: row.active_memory_id,
      sectionId: row.section_id,
      content: row.content,
      confidence: Number(row.confidence),
      importance: Number(row.importance),
      startDate: row.start_date,
      endDate: row.end_date,
      lastUpdated: row.last_updated,
      sourceShorttermId: row.source_shortterm_id,
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
    };
  }
}
