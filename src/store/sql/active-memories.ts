import type { ActiveMemory, ActiveMemorySection, SectionUpdate } from '../../model/active-memory.js';
import type { Json, Scope } from '../../model/scope.js';
import type { ActiveMemoryRepository } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { fromJson, placeholders, scopeWhere, toJson } from './values.js';

interface MemoryRow {
  id: string;
  tenant_id: string;
  external_id: string;
  title: string;
  template: string;
  metadata: string;
  created_at: string;
  updated_at: string;
}

interface SectionRow {
  memory_id: string;
  section_id: string;
  content: string;
  update_count: number;
  updated_at: string;
}

export class SqlActiveMemoryRepository implements ActiveMemoryRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(memory: ActiveMemory): Promise<void> {
    await this.db.run(
      `INSERT INTO active_memories (id, tenant_id, external_id, title, template, metadata, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [memory.id, memory.tenantId, memory.externalId, memory.title, toJson(memory.template), toJson(memory.metadata), memory.createdAt, memory.updatedAt],
    );
    for (const [position, section] of memory.sections.entries()) {
      await this.db.run(
        `INSERT INTO active_memory_sections (memory_id, section_id, tenant_id, external_id, position, content, update_count, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [memory.id, section.id, memory.tenantId, memory.externalId, position, section.content, section.updateCount, section.updatedAt],
      );
    }
  }

  async list(scope: Scope): Promise<ActiveMemory[]> {
    const where = scopeWhere(scope);
    const rows = await this.db.all<MemoryRow>(
      `SELECT * FROM active_memories WHERE ${where.sql} ORDER BY created_at, id`,
      where.params,
    );
    return this.withSections(rows);
  }

  async get(scope: Scope, memoryId: string): Promise<ActiveMemory | undefined> {
    const where = scopeWhere(scope);
    const row = await this.db.get<MemoryRow>(`SELECT * FROM active_memories WHERE ${where.sql} AND id = ?`, [...where.params, memoryId]);
    return row ? (await this.withSections([row]))[0] : undefined;
  }

  async updateSections(scope: Scope, memoryId: string, updates: SectionUpdate[], at: string): Promise<number> {
    const where = scopeWhere(scope);
    let changed = 0;
    for (const update of updates) {
      changed += await this.db.run(
        `UPDATE active_memory_sections SET content = ?, update_count = update_count + 1, updated_at = ?
         WHERE ${where.sql} AND memory_id = ? AND section_id = ?`,
        [update.newContent, at, ...where.params, memoryId, update.sectionId],
      );
    }
    await this.touch(scope, memoryId, at);
    return changed;
  }

  async resetUpdateCounts(scope: Scope, memoryId: string, at: string, consolidated?: Array<{ sectionId: string; content: string }>): Promise<void> {
    const where = scopeWhere(scope);
    const reset = `UPDATE active_memory_sections SET update_count = 0 WHERE ${where.sql} AND memory_id = ?`;
    if (!consolidated) await this.db.run(reset, [...where.params, memoryId]);
    for (const section of consolidated ?? []) {
      // The content condition is checked on the row itself, so a concurrent rewrite is never reset.
      await this.db.run(`${reset} AND section_id = ? AND content = ?`, [...where.params, memoryId, section.sectionId, section.content]);
    }
    await this.touch(scope, memoryId, at);
  }

  async setMetadata(scope: Scope, memoryId: string, metadata: Json, at: string): Promise<void> {
    const where = scopeWhere(scope);
    await this.db.run(`UPDATE active_memories SET metadata = ?, updated_at = ? WHERE ${where.sql} AND id = ?`, [toJson(metadata), at, ...where.params, memoryId]);
  }

  async delete(scope: Scope, memoryId: string): Promise<boolean> {
    const where = scopeWhere(scope);
    await this.db.run(`DELETE FROM active_memory_sections WHERE ${where.sql} AND memory_id = ?`, [...where.params, memoryId]);
    return (await this.db.run(`DELETE FROM active_memories WHERE ${where.sql} AND id = ?`, [...where.params, memoryId])) > 0;
  }

  private async touch(scope: Scope, memoryId: string, at: string): Promise<void> {
    const where = scopeWhere(scope);
    await this.db.run(`UPDATE active_memories SET updated_at = ? WHERE ${where.sql} AND id = ?`, [at, ...where.params, memoryId]);
  }

  private async withSections(rows: MemoryRow[]): Promise<ActiveMemory[]> {
    if (rows.length === 0) return [];
    const sectionRows = await this.db.all<SectionRow>(
      `SELECT memory_id, section_id, content, update_count, updated_at FROM active_memory_sections
       WHERE memory_id IN ${placeholders(rows.length)} ORDER BY position`,
      rows.map((r) => r.id),
    );
    return rows.map((row) => {
      const template = fromJson<ActiveMemory['template']>(row.template, { sections: [] });
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
        tenantId: row.tenant_id,
        externalId: row.external_id,
        title: row.title,
        template,
        sections,
        metadata: fromJson<Json>(row.metadata, {}),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }
}
