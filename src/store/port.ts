import type { ActiveMemory, SectionUpdate } from '../model/active-memory.js';
import type { Episode, EpisodeStatus, EpisodeType } from '../model/episode.js';
import type { Fact } from '../model/fact.js';
import type { ConsolidationRun, RunKind } from '../model/run.js';
import type { Json, Scope } from '../model/scope.js';
import type {
  LongTermChunk,
  LongTermEntity,
  LongTermRelationship,
  ShortTermChunk,
  ShortTermEntity,
  ShortTermMemory,
  ShortTermRelationship,
  Tier,
} from '../model/tiers.js';

/**
 * The storage port. Engines depend on this interface only; adapters (sqlite/, postgres/) implement
 * it. Every method takes the caller's scope and filters by it inside the store.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** How vectors are searched: `sqlite-vec`, `pgvector-hnsw` or `exact-scan`. */
  readonly vectorMode: string;
  readonly active: ActiveMemoryRepository;
  readonly shortterm: ShortTermRepository;
  readonly longterm: LongTermRepository;
  readonly episodes: EpisodeRepository;
  readonly facts: FactRepository;
  readonly runs: RunRepository;
  readonly scopes: ScopeRepository;
  readonly searchIndex: SearchIndex;
  readonly meta: MetaRepository;
  readonly locks: LockManager;
  /** Runs `fn` in one transaction: everything it writes through `tx` commits or none of it does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ActiveMemoryRepository {
  insert(memory: ActiveMemory): Promise<void>;
  list(scope: Scope): Promise<ActiveMemory[]>;
  get(scope: Scope, memoryId: string): Promise<ActiveMemory | undefined>;
  /** Sets content, increments updateCount; returns how many sections changed. */
  updateSections(scope: Scope, memoryId: string, updates: SectionUpdate[], at: string): Promise<number>;
  /**
   * Sets every section's updateCount to 0. With `consolidated`, only those sections, and only while
   * their content is still the content given: a section rewritten since keeps its count.
   */
  resetUpdateCounts(scope: Scope, memoryId: string, at: string, consolidated?: Array<{ sectionId: string; content: string }>): Promise<void>;
  setMetadata(scope: Scope, memoryId: string, metadata: Json, at: string): Promise<void>;
  delete(scope: Scope, memoryId: string): Promise<boolean>;
}

export interface ShortTermRepository {
  getForMemory(scope: Scope, activeMemoryId: string): Promise<ShortTermMemory | undefined>;
  insert(memory: ShortTermMemory): Promise<void>;
  update(scope: Scope, id: string, patch: { updateCount?: number; metadata?: Json }, at: string): Promise<void>;
  listChunks(scope: Scope, filter?: { shorttermId?: string; sectionId?: string }): Promise<ShortTermChunk[]>;
  getChunks(scope: Scope, ids: string[]): Promise<ShortTermChunk[]>;
  insertChunk(chunk: ShortTermChunk): Promise<void>;
  updateChunk(scope: Scope, id: string, patch: { content?: string; metadata?: Json }, at: string): Promise<void>;
  deleteChunks(scope: Scope, ids: string[]): Promise<number>;
  listEntities(scope: Scope, filter?: { shorttermId?: string }): Promise<ShortTermEntity[]>;
  insertEntity(entity: ShortTermEntity): Promise<void>;
  updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void>;
  listRelationships(scope: Scope, filter?: { shorttermId?: string }): Promise<ShortTermRelationship[]>;
  insertRelationship(relationship: ShortTermRelationship): Promise<void>;
  updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void>;
  /** Removes a short-term memory with its chunks, entities and relationships. */
  deleteForMemory(scope: Scope, activeMemoryId: string): Promise<void>;
}

export interface EntityPatch {
  name?: string;
  types?: string[];
  description?: string;
  confidence?: number;
  metadata?: Json;
}

export interface RelationshipPatch {
  type?: string;
  description?: string;
  confidence?: number;
  strength?: number;
  metadata?: Json;
  endDate?: string | null;
}

export interface LongTermChunkFilter {
  activeMemoryId?: string;
  sectionId?: string;
  /** Only chunks valid at this instant (startDate ≤ asOf < endDate). */
  asOf?: string;
  /** Without asOf: include chunks that have an endDate (default false). */
  includeEnded?: boolean;
}

export interface LongTermRepository {
  listChunks(scope: Scope, filter?: LongTermChunkFilter): Promise<LongTermChunk[]>;
  getChunks(scope: Scope, ids: string[]): Promise<LongTermChunk[]>;
  insertChunk(chunk: LongTermChunk): Promise<void>;
  closeChunk(scope: Scope, id: string, endDate: string): Promise<void>;
  listEntities(scope: Scope): Promise<LongTermEntity[]>;
  insertEntity(entity: LongTermEntity): Promise<void>;
  updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void>;
  listRelationships(scope: Scope): Promise<LongTermRelationship[]>;
  insertRelationship(relationship: LongTermRelationship): Promise<void>;
  updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void>;
}

export interface EpisodeFilter {
  types?: EpisodeType[];
  statuses?: EpisodeStatus[];
  /** Episodes with at least one of these tags. */
  tags?: string[];
  occurredFrom?: string;
  occurredTo?: string;
  minImportance?: number;
  minConfidence?: number;
  /** Substring match on the text (case-insensitive). */
  textContains?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}

export interface EpisodeRepository {
  insertMany(episodes: Episode[]): Promise<void>;
  get(scope: Scope, id: string): Promise<Episode | undefined>;
  getMany(scope: Scope, ids: string[]): Promise<Episode[]>;
  /** Newest `occurredAt` first; the cursor is opaque. */
  list(scope: Scope, filter: EpisodeFilter, page: { limit: number; cursor?: string }): Promise<Page<Episode>>;
  delete(scope: Scope, id: string): Promise<boolean>;
  recordAccess(scope: Scope, ids: string[], at: string): Promise<void>;
  setStatus(scope: Scope, ids: string[], status: EpisodeStatus, at: string): Promise<void>;
  /** Episodes created since `since` (all when absent), and the bytes of their text. */
  statsSince(scope: Scope, since?: string): Promise<{ count: number; bytes: number }>;
}

export interface FactListFilter {
  category?: string;
  keyPrefix?: string;
  subject?: string;
  /** Include superseded versions (default false). */
  includeHistory?: boolean;
}

export interface FactRepository {
  getCurrent(scope: Scope, key: string): Promise<Fact | undefined>;
  getMany(scope: Scope, ids: string[]): Promise<Fact[]>;
  insert(fact: Fact): Promise<void>;
  /** Closes the current version of `key` (sets validTo); returns whether one was open. */
  closeCurrent(scope: Scope, key: string, validTo: string): Promise<boolean>;
  list(scope: Scope, filter?: FactListFilter): Promise<Fact[]>;
  /** Every version of `key`, oldest first. */
  history(scope: Scope, key: string): Promise<Fact[]>;
  /** Removes every version of `key`; returns the ids removed. */
  deleteKey(scope: Scope, key: string): Promise<string[]>;
}

export interface RunFilter {
  kind?: RunKind;
  memoryId?: string;
  limit?: number;
}

export interface RunRepository {
  insert(run: ConsolidationRun): Promise<void>;
  update(scope: Scope, id: string, patch: Partial<Pick<ConsolidationRun, 'status' | 'counts' | 'report' | 'error' | 'finishedAt'>>): Promise<void>;
  get(scope: Scope, id: string): Promise<ConsolidationRun | undefined>;
  /** Newest first. */
  list(scope: Scope, filter?: RunFilter): Promise<ConsolidationRun[]>;
}

export interface ScopeSummary {
  externalId: string;
  activeMemories: number;
  episodes: number;
  facts: number;
}

export interface ScopeRepository {
  /** Every external id of a tenant that owns any row. */
  list(tenantId: string): Promise<ScopeSummary[]>;
  /** Every (tenant, externalId) pair, for export and background services. */
  listAll(): Promise<Scope[]>;
  /** Removes every row of the scope, in every tier. */
  deleteAll(scope: Scope): Promise<void>;
}

export interface IndexedItem {
  scope: Scope;
  tier: Tier;
  itemId: string;
  text: string;
  /** Null when the embedding is filled in later (reembed). */
  embedding: Float32Array | null;
}

export interface SearchHit {
  tier: Tier;
  itemId: string;
  /** Vector: cosine similarity (higher is closer). Text: the engine's relevance (higher is better). */
  score: number;
}

/** The full-text and vector index over every tier's searchable text. */
export interface SearchIndex {
  /** The dimension vectors are stored at, once known. */
  dimension(): Promise<number | undefined>;
  /** Fixes the vector dimension; a different one than stored throws ConflictError. */
  ensureDimension(dimension: number): Promise<void>;
  upsert(items: IndexedItem[]): Promise<void>;
  remove(scope: Scope, tier: Tier, itemIds: string[]): Promise<void>;
  /** Removes every item of the scope. */
  removeScope(scope: Scope): Promise<void>;
  vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]>;
  textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]>;
  /** Every indexed item in a stable order, a page at a time (for re-embedding). */
  listItems(page: { afterKey?: string; limit: number }): Promise<{ items: Array<Omit<IndexedItem, 'embedding'> & { key: string }> }>;
  /** Drops every vector and the dimension, so a new embedder can fill them again. */
  resetVectors(): Promise<void>;
  setVectors(vectors: Array<{ tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void>;
  /** The stored vectors of a scope's items of one tier, by item id; items without one are absent. */
  getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface LockHandle {
  release(): Promise<void>;
}

/** Named locks that hold across processes sharing the store. */
export interface LockManager {
  /** Takes the lock or returns null at once when another holder has it. Call it outside transactions. */
  tryAcquire(name: string, ttlMs: number): Promise<LockHandle | null>;
}
