import type { Json, Scope } from '../model/scope.js';
import type { LongTermChunk, LongTermEntity, LongTermRelationship, ShortTermChunk, ShortTermEntity, ShortTermRelationship } from '../model/tiers.js';
import type { Store } from '../store/port.js';

/** A memory's short-term tier as the inspector and CLI show it. */
export interface ShortTermView {
  /** Null until the first consolidation of the memory. */
  id: string | null;
  activeMemoryId: string;
  updateCount: number;
  metadata: Json;
  chunks: ShortTermChunk[];
  entities: ShortTermEntity[];
  relationships: ShortTermRelationship[];
}

/** An agent's long-term tier: chunks with validity, entities and relationships with `metadata.stateHistory`. */
export interface LongTermView {
  chunks: LongTermChunk[];
  entities: LongTermEntity[];
  relationships: LongTermRelationship[];
}

export async function readShortTerm(store: Store, scope: Scope, activeMemoryId: string): Promise<ShortTermView> {
  const memory = await store.shortterm.getForMemory(scope, activeMemoryId);
  if (!memory) return { id: null, activeMemoryId, updateCount: 0, metadata: {}, chunks: [], entities: [], relationships: [] };
  const filter = { shorttermId: memory.id };
  return {
    id: memory.id,
    activeMemoryId,
    updateCount: memory.updateCount,
    metadata: memory.metadata,
    chunks: await store.shortterm.listChunks(scope, filter),
    entities: await store.graph('shortterm').listEntities(scope, filter),
    relationships: await store.graph('shortterm').listRelationships(scope, filter),
  };
}

export async function readLongTerm(store: Store, scope: Scope, query: { asOf?: string; includeEnded?: boolean }): Promise<LongTermView> {
  const { asOf, includeEnded } = query;
  const validAt = (start: string, end: string | null) => (asOf ? start <= asOf && (end === null || end > asOf) : includeEnded || end === null);
  const graph = store.graph('longterm');
  const entities = await graph.listEntities(scope);
  return {
    chunks: await store.longterm.listChunks(scope, { asOf, includeEnded }),
    entities: asOf ? entities.filter((e) => e.createdAt <= asOf) : entities,
    relationships: (await graph.listRelationships(scope)).filter((r) => validAt(r.startDate, r.endDate)),
  };
}
