import type { Selectable } from 'kysely';
import type { ActiveMemory, ActiveMemorySection, SectionUpdate } from '../../model/active-memory.js';
import type { Json, Scope } from '../../model/scope.js';
import type { ActiveMemoryRepository } from '../port.js';
import { insertRows, owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import type { ActiveMemoriesTable, ActiveMemorySectionsTable } from './tables.js';

export class SqlActiveMemoryRepository implements ActiveMemoryRepository {
  constructor(private readonly sql: SqlContext) {}

  async insert(memory: ActiveMemory): Promise<void> {
    const { db, dialect } = this.sql;
    const scopeId = scopeIdOf(memory);
    await registerScope(db, memory, memory.createdAt);
    await db
      .insertInto('active_memories')
      .values({
        scope_id: scopeId,
        id: memory.id,
        title: memory.title,
        template: dialect.json(memory.template),
        metadata: dialect.json(memory.metadata),
        created_at: memory.createdAt,
        updated_at: memory.updatedAt,
      })
      .execute();
    await insertRows(
      db,
      'active_memory_sections',
      memory.sections.map((section, position) => ({
        scope_id: scopeId,
        memory_id: memory.id,
        section_id: section.id,
        position,
        content: section.content,
        update_count: section.updateCount,
        updated_at: section.updatedAt,
      })),
    );
  }

  async list(scope: Scope): Promise<ActiveMemory[]> {
    const rows = await this.sql.db.selectFrom('active_memories').selectAll().where('scope_id', '=', scopeIdOf(scope)).orderBy('created_at').orderBy('id').execute();
    return this.withSections(scope, rows);
  }

  async get(scope: Scope, memoryId: string): Promise<ActiveMemory | undefined> {
    const row = await this.sql.db.selectFrom('active_memories').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('id', '=', memoryId).executeTakeFirst();
    return row ? (await this.withSections(scope, [row]))[0] : undefined;
  }

  async updateSections(scope: Scope, memoryId: string, updates: SectionUpdate[], at: string): Promise<number> {
    let changed = 0;
    for (const update of updates) {
      const result = await this.sql.db
        .updateTable('active_memory_sections')
        .set((eb) => ({ content: update.newContent, update_count: eb('update_count', '+', 1), updated_at: at }))
        .where('scope_id', '=', scopeIdOf(scope))
        .where('memory_id', '=', memoryId)
        .where('section_id', '=', update.sectionId)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    await this.touch(scope, memoryId, at);
    return changed;
  }

  async resetUpdateCounts(scope: Scope, memoryId: string, at: string, consolidated?: Array<{ sectionId: string; content: string }>): Promise<void> {
    const reset = () => this.sql.db.updateTable('active_memory_sections').set({ update_count: 0 }).where('scope_id', '=', scopeIdOf(scope)).where('memory_id', '=', memoryId);
    if (!consolidated) await reset().execute();
    for (const section of consolidated ?? []) {
      // The content condition is checked on the row itself, so a concurrent rewrite is never reset.
      await reset().where('section_id', '=', section.sectionId).where('content', '=', section.content).execute();
    }
    await this.touch(scope, memoryId, at);
  }

  async setMetadata(scope: Scope, memoryId: string, metadata: Json, at: string): Promise<void> {
    await this.sql.db
      .updateTable('active_memories')
      .set({ metadata: this.sql.dialect.json(metadata), updated_at: at })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', '=', memoryId)
      .execute();
  }

  /** Deletes the memory with its sections and its pending consolidation (call it in a transaction). */
  async delete(scope: Scope, memoryId: string): Promise<boolean> {
    const scopeId = scopeIdOf(scope);
    await this.sql.db.deleteFrom('pending_consolidations').where('scope_id', '=', scopeId).where('memory_id', '=', memoryId).execute();
    const result = await this.sql.db.deleteFrom('active_memories').where('scope_id', '=', scopeId).where('id', '=', memoryId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  private async touch(scope: Scope, memoryId: string, at: string): Promise<void> {
    await this.sql.db.updateTable('active_memories').set({ updated_at: at }).where('scope_id', '=', scopeIdOf(scope)).where('id', '=', memoryId).execute();
  }

  private async withSections(scope: Scope, rows: Array<Selectable<ActiveMemoriesTable>>): Promise<ActiveMemory[]> {
    if (rows.length === 0) return [];
    const sectionRows = await this.sql.db
      .selectFrom('active_memory_sections')
      .select(['memory_id', 'section_id', 'content', 'update_count', 'updated_at'])
      .where('scope_id', '=', scopeIdOf(scope))
      .where(
        'memory_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('position')
      .execute();
    return rows.map((row) => this.memoryOf(scope, row, sectionRows));
  }

  private memoryOf(scope: Scope, row: Selectable<ActiveMemoriesTable>, sectionRows: Array<Pick<Selectable<ActiveMemorySectionsTable>, 'memory_id' | 'section_id' | 'content' | 'update_count' | 'updated_at'>>): ActiveMemory {
    const template = this.sql.dialect.readJson<ActiveMemory['template']>(row.template);
    const byId = new Map(sectionRows.filter((s) => s.memory_id === row.id).map((s) => [s.section_id, s]));
    const sections: ActiveMemorySection[] = template.sections.map((t) => {
      const s = byId.get(t.id)!;
      return {
        id: t.id,
        ...(t.title !== undefined && { title: t.title }),
        ...(t.description !== undefined && { description: t.description }),
        content: s.content,
        updateCount: Number(s.update_count),
        updatedAt: s.updated_at,
      };
    });
    return {
      id: row.id,
      ...owner(scope),
      title: row.title,
      template,
      sections,
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
