import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors.js';
import type { ActiveMemory, ActiveMemorySection, ConsolidationInfo } from '../model/active-memory.js';
import type { Scope } from '../model/scope.js';
import {
  createActiveMemorySchema,
  memoryRefSchema,
  scopeInputSchema,
  updateSectionSchema,
  updateSectionsSchema,
  type CreateActiveMemoryInput,
  type MemoryRef,
  type UpdateSectionInput,
  type UpdateSectionsInput,
} from '../model/schemas/active-memory.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import type { IndexedItem, Store } from '../store/port.js';

export interface UpdateSectionsResult {
  memory: ActiveMemory;
  consolidationInfo: ConsolidationInfo;
}

export function sectionItemId(memoryId: string, sectionId: string): string {
  return `${memoryId}/${sectionId}`;
}

function sectionText(section: Pick<ActiveMemorySection, 'title' | 'content'>): string {
  return section.title ? `${section.title}: ${section.content}` : section.content;
}

export function consolidationInfoOf(memory: ActiveMemory, avgSectionUpdateCount: number): ConsolidationInfo {
  const totalUpdateCount = memory.sections.reduce((sum, s) => sum + s.updateCount, 0);
  const threshold = avgSectionUpdateCount * memory.sections.length;
  return { totalUpdateCount, threshold, willConsolidate: totalUpdateCount >= threshold };
}

/** Active memory: template-shaped documents an agent rewrites a batch of sections at a time. */
export class ActiveMemories {
  constructor(private readonly deps: EngineDeps) {}

  async create(input: CreateActiveMemoryInput): Promise<ActiveMemory> {
    const parsed = parseInput(createActiveMemorySchema, input, 'createActiveMemory input');
    const templateIds = new Set(parsed.template.sections.map((s) => s.id));
    const initialSections = new Map(Object.entries(parsed.initialSections ?? {}));
    const unknown = [...initialSections.keys()].filter((id) => !templateIds.has(id));
    if (unknown.length) {
      throw new ValidationError(`initialSections names sections not in the template: ${unknown.join(', ')}`, [
        { field: 'initialSections', reason: `unknown section ids: ${unknown.join(', ')}` },
      ]);
    }
    const at = this.deps.now().toISOString();
    const memory: ActiveMemory = {
      id: randomUUID(),
      tenantId: this.deps.tenantId,
      externalId: parsed.externalId,
      title: parsed.title,
      template: parsed.template,
      sections: parsed.template.sections.map((t) => ({
        ...t,
        content: initialSections.get(t.id) ?? '',
        updateCount: 0,
        updatedAt: at,
      })),
      metadata: parsed.metadata ?? {},
      createdAt: at,
      updatedAt: at,
    };
    const items = await this.indexItems(memory, memory.sections);
    await this.deps.store.transaction(async (tx) => {
      await tx.active.insert(memory);
      await tx.searchIndex.upsert(items);
    });
    return memory;
  }

  async list(input: { externalId: string }): Promise<ActiveMemory[]> {
    const { externalId } = parseInput(scopeInputSchema, input, 'getActiveMemories input');
    return this.deps.store.active.list(scopeOf(this.deps, externalId));
  }

  async get(input: MemoryRef): Promise<ActiveMemory> {
    const ref = parseInput(memoryRefSchema, input, 'getActiveMemory input');
    return this.require(this.deps.store, scopeOf(this.deps, ref.externalId), ref.memoryId);
  }

  /** Deletes the memory and its short-term tier; promoted long-term knowledge stays. */
  async delete(input: MemoryRef): Promise<void> {
    const ref = parseInput(memoryRefSchema, input, 'deleteActiveMemory input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.deps.store.transaction(async (tx) => {
      const memory = await this.require(tx, scope, ref.memoryId);
      const shortterm = await tx.shortterm.getForMemory(scope, memory.id);
      if (shortterm) {
        const chunks = await tx.shortterm.listChunks(scope, { shorttermId: shortterm.id });
        await tx.searchIndex.remove(scope, 'shortterm', chunks.map((c) => c.id));
        await tx.shortterm.deleteForMemory(scope, memory.id);
      }
      await tx.searchIndex.remove(scope, 'active', memory.sections.map((s) => sectionItemId(memory.id, s.id)));
      await tx.active.delete(scope, memory.id);
    });
  }

  /**
   * Validates every section id first, then writes all sections in one transaction (all or none),
   * each `updateCount` up by one. Reaching the threshold records a pending consolidation in the
   * same transaction (durable work any process's worker takes) and looks for work in this one.
   */
  async updateSections(input: UpdateSectionsInput): Promise<UpdateSectionsResult> {
    const parsed = parseInput(updateSectionsSchema, input, 'updateActiveMemorySections input');
    const scope = scopeOf(this.deps, parsed.externalId);
    const before = await this.require(this.deps.store, scope, parsed.memoryId);
    const known = new Map(before.sections.map((s) => [s.id, s]));
    const unknown = parsed.sections.filter((s) => !known.has(s.sectionId)).map((s) => s.sectionId);
    if (unknown.length) {
      throw new ValidationError(
        `memory ${before.id} has no section ${unknown.map((id) => `"${id}"`).join(', ')}; its sections are ${[...known.keys()].join(', ')}`,
        unknown.map((id) => ({ field: 'sections.sectionId', reason: `unknown section "${id}"` })),
      );
    }
    const changed = parsed.sections.map((s) => ({ ...known.get(s.sectionId)!, content: s.newContent }));
    const items = await this.indexItems(before, changed);
    const at = this.deps.now().toISOString();
    const { memory, consolidationInfo } = await this.deps.store.transaction(async (tx) => {
      await tx.active.updateSections(scope, before.id, parsed.sections, at);
      await tx.searchIndex.remove(scope, 'active', changed.filter((s) => !s.content.trim()).map((s) => sectionItemId(before.id, s.id)));
      await tx.searchIndex.upsert(items);
      const memory = await this.require(tx, scope, before.id);
      const consolidationInfo = consolidationInfoOf(memory, this.deps.config.avgSectionUpdateCountForConsolidation);
      if (consolidationInfo.willConsolidate) await tx.pendingConsolidations.request(scope, memory.id, at);
      return { memory, consolidationInfo };
    });
    if (consolidationInfo.willConsolidate) this.deps.background.kick();
    return { memory, consolidationInfo };
  }

  async updateSection(input: UpdateSectionInput): Promise<UpdateSectionsResult> {
    const parsed = parseInput(updateSectionSchema, input, 'updateActiveMemorySection input');
    return this.updateSections({
      externalId: parsed.externalId,
      memoryId: parsed.memoryId,
      sections: [{ sectionId: parsed.sectionId, newContent: parsed.newContent }],
    });
  }

  private async require(store: Store, scope: Scope, memoryId: string): Promise<ActiveMemory> {
    const memory = await store.active.get(scope, memoryId);
    if (!memory) {
      throw new NotFoundError(`active memory ${memoryId} not found for externalId "${scope.externalId}"`, { memoryId, externalId: scope.externalId });
    }
    return memory;
  }

  private async indexItems(memory: ActiveMemory, sections: ActiveMemorySection[]): Promise<IndexedItem[]> {
    const filled = sections.filter((s) => s.content.trim());
    const vectors = await this.deps.embedder.embed(filled.map(sectionText));
    return filled.map((s, i) => ({
      scope: { tenantId: memory.tenantId, externalId: memory.externalId },
      tier: 'active',
      itemId: sectionItemId(memory.id, s.id),
      text: sectionText(s),
      embedding: vectors[i]!,
    }));
  }
}
