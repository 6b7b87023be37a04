import { randomUUID } from 'node:crypto';
import type { Embedder } from '../ai/embedder.js';
import type { Json, Scope } from '../model/scope.js';
import type { LongTermChunk, LongTermEntity, LongTermRelationship, ShortTermChunk, ShortTermMemory } from '../model/tiers.js';
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

  const entities = await mergeEntities(input);
  const relationships = await mergeRelationships(input);
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
    for (const chunk of inserts) await tx.longterm.insertChunk(chunk);
    await tx.searchIndex.upsert(inserts.map((c, i) => ({ scope, tier: 'longterm', itemId: c.id, text: c.content, embedding: vectors[i]! })));
    for (const close of closes) await tx.longterm.closeChunk(scope, close.id, close.endDate);
    for (const e of entities.rows(entities.added)) await tx.longterm.insertEntity(e);
    for (const e of entities.rows(entities.modified)) {
      await tx.longterm.updateEntity(scope, e.id, { types: e.types, description: e.description, confidence: e.confidence, metadata: e.metadata }, at);
    }
    for (const r of relationships.rows(relationships.added)) await tx.longterm.insertRelationship(r);
    for (const r of relationships.rows(relationships.modified)) {
      const { type, description, confidence, strength, metadata } = r;
      await tx.longterm.updateRelationship(scope, r.id, { type, description, confidence, strength, metadata }, at);
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

async function mergeEntities(input: PromotionInput): Promise<WorkingSet<LongTermEntity>> {
  const { store, scope, shortterm, at, historyLimit } = input;
  const set = new WorkingSet(await store.longterm.listEntities(scope), (e) => nameKey(e.name));
  for (const incoming of await store.shortterm.listEntities(scope, { shorttermId: shortterm.id })) {
    const key = nameKey(incoming.name);
    const known = set.get(key);
    const types = unionTypes(known?.types ?? [], incoming.types);
    const confidence = known ? mergeScore(known.confidence, incoming.confidence) : incoming.confidence;
    if (known && sameList(types, known.types) && confidence === known.confidence) continue;
    const entry = { at, sourceShorttermId: shortterm.id, oldTypes: known?.types ?? [], newTypes: types, oldConfidence: known?.confidence ?? null, newConfidence: confidence };
    const { shorttermId: _omit, ...plain } = incoming;
    const base: LongTermEntity = known ?? { ...plain, id: randomUUID(), metadata: {}, createdAt: at, updatedAt: at };
    set.put(
      key,
      {
        ...base,
        types,
        confidence,
        description: incoming.description || base.description,
        metadata: appendHistory(base.metadata, 'stateHistory', entry, historyLimit),
        updatedAt: at,
      },
      !known,
    );
  }
  return set;
}

async function mergeRelationships(input: PromotionInput): Promise<WorkingSet<LongTermRelationship>> {
  const { store, scope, shortterm, at, historyLimit } = input;
  const set = new WorkingSet(
    (await store.longterm.listRelationships(scope)).filter((r) => r.endDate === null),
    pairKey,
  );
  for (const incoming of await store.shortterm.listRelationships(scope, { shorttermId: shortterm.id })) {
    const key = pairKey(incoming);
    const known = set.get(key);
    const confidence = known ? mergeScore(known.confidence, incoming.confidence) : incoming.confidence;
    const strength = known ? mergeScore(known.strength, incoming.strength) : incoming.strength;
    if (known && known.type === incoming.type && confidence === known.confidence && strength === known.strength) continue;
    const entry = {
      at,
      sourceShorttermId: shortterm.id,
      oldType: known?.type ?? null,
      newType: incoming.type,
      oldConfidence: known?.confidence ?? null,
      newConfidence: confidence,
      oldStrength: known?.strength ?? null,
      newStrength: strength,
    };
    const { shorttermId: _omit, ...plain } = incoming;
    const base: LongTermRelationship = known ?? { ...plain, id: randomUUID(), metadata: {}, startDate: at, endDate: null, createdAt: at, updatedAt: at };
    set.put(
      key,
      {
        ...base,
        type: incoming.type,
        confidence,
        strength,
        description: incoming.description || base.description,
        metadata: appendHistory(base.metadata, 'stateHistory', entry, historyLimit),
        updatedAt: at,
      },
      !known,
    );
  }
  return set;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
