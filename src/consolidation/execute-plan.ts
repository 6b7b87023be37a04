import { randomUUID } from 'node:crypto';
import type { Scope } from '../model/scope.js';
import type { ShortTermChunk, ShortTermEntity, ShortTermMemory, ShortTermRelationship } from '../model/tiers.js';
import type { IndexedItem, Store } from '../store/port.js';
import { mergeScore, unionTypes } from './merge-rules.js';
import type { ConsolidationPlan } from './plan.js';

export interface PlanCounts {
  chunksCreated: number;
  chunksUpdated: number;
  chunksDeleted: number;
  entitiesCreated: number;
  entitiesMerged: number;
  relationshipsCreated: number;
  relationshipsMerged: number;
}

export interface PlanContext {
  scope: Scope;
  shortterm: ShortTermMemory;
  entities: ShortTermEntity[];
  relationships: ShortTermRelationship[];
  /** The embedding of every chunk text the plan writes (see chunkTextsToEmbed). */
  embeddings: ReadonlyMap<string, Float32Array>;
  at: string;
}

/** The chunk texts a plan creates or rewrites; embed them before the transaction. */
export function chunkTextsToEmbed(plan: ConsolidationPlan): string[] {
  return [...new Set(plan.chunks.flatMap((c) => (c.action === 'delete' ? [] : [c.content])))];
}

/** Applies a validated plan to the short-term tier and its search index; call it inside one transaction. */
export async function executePlan(tx: Store, plan: ConsolidationPlan, ctx: PlanContext): Promise<PlanCounts> {
  const counts: PlanCounts = {
    chunksCreated: 0,
    chunksUpdated: 0,
    chunksDeleted: 0,
    entitiesCreated: 0,
    entitiesMerged: 0,
    relationshipsCreated: 0,
    relationshipsMerged: 0,
  };
  const owner = { tenantId: ctx.scope.tenantId, externalId: ctx.scope.externalId, shorttermId: ctx.shortterm.id };
  const indexed: IndexedItem[] = [];
  const index = (itemId: string, text: string) =>
    indexed.push({ scope: ctx.scope, tier: 'shortterm', itemId, text, embedding: ctx.embeddings.get(text) ?? null });

  const deleted: string[] = [];
  const createdChunks: ShortTermChunk[] = [];
  for (const action of plan.chunks) {
    if (action.action === 'create') {
      const id = randomUUID();
      createdChunks.push({ id, ...owner, sectionId: action.sectionId, content: action.content, metadata: {}, createdAt: ctx.at, updatedAt: ctx.at });
      index(id, action.content);
      counts.chunksCreated++;
    } else if (action.action === 'update') {
      await tx.shortterm.updateChunk(ctx.scope, action.chunkId, { content: action.content }, ctx.at);
      index(action.chunkId, action.content);
      counts.chunksUpdated++;
    } else {
      deleted.push(action.chunkId);
    }
  }
  await tx.shortterm.insertChunks(createdChunks);
  counts.chunksDeleted = await tx.shortterm.deleteChunks(ctx.scope, deleted);
  await tx.searchIndex.remove(ctx.scope, 'shortterm', deleted);
  await tx.searchIndex.upsert(indexed);

  const graph = tx.graph('shortterm');
  const entities = new Map(ctx.entities.map((e) => [e.id, e]));
  const createdEntities: ShortTermEntity[] = [];
  for (const action of plan.entities) {
    if (action.action === 'create') {
      const { name, types, description, confidence } = action;
      createdEntities.push({ id: randomUUID(), ...owner, name, types, description, confidence, metadata: {}, createdAt: ctx.at, updatedAt: ctx.at });
      counts.entitiesCreated++;
    } else {
      const target = entities.get(action.targetId)!;
      await graph.updateEntity(
        ctx.scope,
        target.id,
        {
          types: unionTypes(target.types, action.types),
          description: action.description || target.description,
          confidence: mergeScore(target.confidence, action.confidence),
        },
        ctx.at,
      );
      counts.entitiesMerged++;
    }
  }
  await graph.insertEntities(createdEntities);

  const relationships = new Map(ctx.relationships.map((r) => [r.id, r]));
  const createdRelationships: ShortTermRelationship[] = [];
  for (const action of plan.relationships) {
    if (action.action === 'create') {
      const { sourceName, targetName, type, description, confidence, strength } = action;
      createdRelationships.push({
        id: randomUUID(),
        ...owner,
        sourceName,
        targetName,
        type,
        description,
        confidence,
        strength,
        metadata: {},
        createdAt: ctx.at,
        updatedAt: ctx.at,
      });
      counts.relationshipsCreated++;
    } else {
      const target = relationships.get(action.targetId)!;
      await graph.updateRelationship(
        ctx.scope,
        target.id,
        {
          type: action.type,
          description: action.description || target.description,
          confidence: mergeScore(target.confidence, action.confidence),
          strength: mergeScore(target.strength, action.strength),
        },
        ctx.at,
      );
      counts.relationshipsMerged++;
    }
  }
  await graph.insertRelationships(createdRelationships);
  return counts;
}
