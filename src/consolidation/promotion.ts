import { randomUUID } from 'node:crypto';
import type { Embedder } from '../ai/embedder.js';
import type { Json, Scope } from '../model/scope.js';
import type { LongTermChunk, LongTermEntity, LongTermRelationship, ShortTermChunk, ShortTermEntity, ShortTermMemory, ShortTermRelationship } from '../model/tiers.js';
import type { Store } from '../store/port.js';
import { appendHistory, mergeScore, unionTypes } from './merge-rules.js';

/** A promoted chunk's confidence and importance until something rates it. */
const CHUNK_CONFIDENCE = 0.8;
const CHUNK_IMPORTANCE = 0.5;

export interface PromotionCounts {
  chunksAdded: number;
  chunksUnchanged: number;
  chunksClosed: number;
  entitiesAdded: number;
  entitiesModified: number;
  relationshipsAdded: number;
  relationshipsModified: number;
}

export interface PromotionInput {
  store: Store;
  embedder: Embedder;
  scope: Scope;
  shortterm: ShortTermMemory;
  /** Sections of the active memory that are empty now: their open long-term chunks are closed. */
  emptySections: string[];
  historyLimit: number;
  runId: string;
  at: string;
}

/** Tracks long-term rows by a match key: the ones to insert and the ones to update. */
class WorkingSet<T extends { id: string; metadata: Json }> {
  private readonly byKey = new Map<string, T>();
  readonly added = new Set<string>();
  readonly modified = new Set<string>();

  constructor(rows: T[], key: (row: T) => string) {
    for (const row of rows) if (!this.byKey.has(key(row))) this.byKey.set(key(row), row);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  put(key: string, row: T, isNew: boolean): void {
    this.byKey.set(key, row);
    (isNew || this.added.has(row.id) ? this.added : this.modified).add(row.id);
  }

  rows(ids: Set<string>): T[] {
    return [...this.byKey.values()].filter((r) => ids.has(r.id));
  }
}

const nameKey = (name: string) => name.trim().toLowerCase();
const pairKey = (r: { sourceName: string; targetName: string }) => `${nameKey(r.sourceName)}\u0000${nameKey(r.targetName)}`;

/**
 * Short-term → long-term, in one transaction: copies the chunks (closing the long-term chunks of
 * the same sections they supersede), merges entities by name and relationships by source and
 * target names, records `stateHistory` and `promotionHistory`, then deletes the promoted
 * short-term chunks and resets the short-term `updateCount`.
 */
export async function promote(input: PromotionInput): Promise<PromotionCounts> {
  const { store, scope, shortterm, at } = input;
  const chunks = await store.shortterm.listChunks(scope, { shorttermId: shortterm.id });
  const open = await store.longterm.listChunks(scope, { activeMemoryId: shortterm.activeMemoryId });
  const { inserts, unchanged, closes } = planChunks(chunks, open, input);
  const vectors = await input.embedder.embed(inserts.map((c) => c.content));

  const [shortGraph, longGraph] = [store.graph('shortterm'), store.graph('longterm')];
  const filter = { shorttermId: shortterm.id };
  const entities = mergeGraph(await longGraph.listEntities(scope), await shortGraph.listEntities(scope, filter), entityRules(input), input);
  const openRelationships = (await longGraph.listRelationships(scope)).filter((r) => r.endDate === null);
  const relationships = mergeGraph(openRelationships, await shortGraph.listRelationships(scope, filter), relationshipRules(input), input);
  const counts: PromotionCounts = {
    chunksAdded: inserts.length,
    chunksUnchanged: unchanged,
    chunksClosed: closes.length,
    entitiesAdded: entities.added.size,
    entitiesModified: entities.modified.size,
    relationshipsAdded: relationships.added.size,
    relationshipsModified: relationships.modified.size,
  };

  await store.transaction(async (tx) => {
    const graph = tx.graph('longterm');
    await tx.longterm.insertChunks(inserts);
    await tx.searchIndex.upsert(inserts.map((c, i) => ({ scope, tier: 'longterm', itemId: c.id, text: c.content, embedding: vectors[i]! })));
    for (const close of closes) await tx.longterm.closeChunk(scope, close.id, close.endDate);
    await graph.insertEntities(entities.rows(entities.added));
    for (const e of entities.rows(entities.modified)) {
      await graph.updateEntity(scope, e.id, { types: e.types, description: e.description, confidence: e.confidence, metadata: e.metadata }, at);
    }
    await graph.insertRelationships(relationships.rows(relationships.added));
    for (const r of relationships.rows(relationships.modified)) {
      const { type, description, confidence, strength, metadata } = r;
      await graph.updateRelationship(scope, r.id, { type, description, confidence, strength, metadata }, at);
    }
    await tx.shortterm.deleteChunks(scope, chunks.map((c) => c.id));
    await tx.searchIndex.remove(scope, 'shortterm', chunks.map((c) => c.id));
    const entry = { at, runId: input.runId, ...counts };
    await tx.shortterm.update(scope, shortterm.id, { updateCount: 0, metadata: appendHistory(shortterm.metadata, 'promotionHistory', entry, input.historyLimit) }, at);
  });
  return counts;
}

/**
 * A promoted section's chunks say what the section says now: an open long-term chunk of that
 * section with the same text stays open, every other one is closed where the new text starts (or
 * at the promotion, for a section that is empty now).
 */
function planChunks(chunks: ShortTermChunk[], open: LongTermChunk[], input: PromotionInput) {
  const inserts: LongTermChunk[] = [];
  const closes: Array<{ id: string; endDate: string }> = [];
  let unchanged = 0;
  for (const sectionId of new Set([...chunks.map((c) => c.sectionId), ...input.emptySections])) {
    const fresh = chunks.filter((c) => c.sectionId === sectionId);
    const current = open.filter((c) => c.sectionId === sectionId);
    const currentTexts = new Set(current.map((c) => c.content));
    const freshTexts = new Set(fresh.map((c) => c.content));
    const newOnes = fresh.filter((c) => !currentTexts.has(c.content));
    unchanged += fresh.length - newOnes.length;
    inserts.push(...newOnes.map((c) => longTermChunk(c, input)));
    const startOfNew = newOnes.map((c) => c.updatedAt).sort()[0] ?? input.at;
    for (const old of current) {
      if (!freshTexts.has(old.content)) closes.push({ id: old.id, endDate: startOfNew > old.startDate ? startOfNew : old.startDate });
    }
  }
  return { inserts, unchanged, closes };
}

function longTermChunk(chunk: ShortTermChunk, input: PromotionInput): LongTermChunk {
  return {
    id: randomUUID(),
    tenantId: input.scope.tenantId,
    externalId: input.scope.externalId,
    activeMemoryId: input.shortterm.activeMemoryId,
    sectionId: chunk.sectionId,
    content: chunk.content,
    confidence: CHUNK_CONFIDENCE,
    importance: CHUNK_IMPORTANCE,
    startDate: chunk.updatedAt,
    endDate: null,
    lastUpdated: input.at,
    sourceShorttermId: input.shortterm.id,
    metadata: { sourceChunkId: chunk.id },
    createdAt: input.at,
  };
}

/** How one kind of graph row is matched and merged into long-term memory. */
interface MergeRules<Long, Short> {
  key(row: Long | Short): string;
  /** The long-term row a short-term one starts as when nothing matches it. */
  fresh(incoming: Short): Long;
  /** The fields that change and their history entry, or undefined when nothing changes. */
  change(known: Long | undefined, incoming: Short): { fields: Partial<Long>; entry: Json } | undefined;
}

/**
 * Merges short-term rows into the long-term ones they match, recording each change in the
 * long-term row's `stateHistory`; entities and relationships differ only in their rules.
 */
function mergeGraph<Long extends { id: string; metadata: Json; description: string }, Short extends { description: string }>(
  known: Long[],
  incoming: Short[],
  rules: MergeRules<Long, Short>,
  input: PromotionInput,
): WorkingSet<Long> {
  const { shortterm, at, historyLimit } = input;
  const set = new WorkingSet(known, rules.key);
  for (const row of incoming) {
    const key = rules.key(row);
    const existing = set.get(key);
    const change = rules.change(existing, row);
    if (!change) continue;
    const base = existing ?? rules.fresh(row);
    const entry = { at, sourceShorttermId: shortterm.id, ...change.entry };
    set.put(
      key,
      { ...base, ...change.fields, description: row.description || base.description, metadata: appendHistory(base.metadata, 'stateHistory', entry, historyLimit), updatedAt: at },
      !existing,
    );
  }
  return set;
}

function entityRules(input: PromotionInput): MergeRules<LongTermEntity, ShortTermEntity> {
  return {
    key: (e) => nameKey(e.name),
    fresh: ({ shorttermId: _omit, ...plain }) => ({ ...plain, id: randomUUID(), metadata: {}, createdAt: input.at, updatedAt: input.at }),
    change(known, incoming) {
      const types = unionTypes(known?.types ?? [], incoming.types);
      const confidence = known ? mergeScore(known.confidence, incoming.confidence) : incoming.confidence;
      if (known && sameList(types, known.types) && confidence === known.confidence) return undefined;
      return {
        fields: { types, confidence },
        entry: { oldTypes: known?.types ?? [], newTypes: types, oldConfidence: known?.confidence ?? null, newConfidence: confidence },
      };
    },
  };
}

function relationshipRules(input: PromotionInput): MergeRules<LongTermRelationship, ShortTermRelationship> {
  return {
    key: pairKey,
    fresh: ({ shorttermId: _omit, ...plain }) => ({ ...plain, id: randomUUID(), metadata: {}, startDate: input.at, endDate: null, createdAt: input.at, updatedAt: input.at }),
    change(known, incoming) {
      const confidence = known ? mergeScore(known.confidence, incoming.confidence) : incoming.confidence;
      const strength = known ? mergeScore(known.strength, incoming.strength) : incoming.strength;
      if (known && known.type === incoming.type && confidence === known.confidence && strength === known.strength) return undefined;
      return {
        fields: { type: incoming.type, confidence, strength },
        entry: {
          oldType: known?.type ?? null,
          newType: incoming.type,
          oldConfidence: known?.confidence ?? null,
          newConfidence: confidence,
          oldStrength: known?.strength ?? null,
          newStrength: strength,
        },
      };
    },
  };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
