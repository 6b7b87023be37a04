import type { ActiveMemory, SectionUpdate } from '../model/active-memory.js';
import type { Episode, EpisodeStatus, EpisodeType } from '../model/episode.js';
import type { Fact } from '../model/fact.js';
import type { PendingConsolidation, SleepTask, TriggerKind } from '../model/background.js';
import type { ConsolidationRun, RunKind, RunStatus } from '../model/run.js';
import type { SleepCycleOptions, SleepTriggers } from '../model/schemas/sleep.js';
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
  readonly kind: StoreKind;
  /** How vectors are searched. */
  readonly vectorMode: VectorMode;
  readonly active: ActiveMemoryRepository;
  readonly shortterm: ShortTermRepository;
  readonly longterm: LongTermRepository;
  /** Entities and relationships of one graph tier. */
  graph<T extends GraphTier>(tier: T): GraphRepository<T>;
  readonly episodes: EpisodeRepository;
  readonly sessions: SessionRepository;
  readonly facts: FactRepository;
  readonly runs: RunRepository;
  /** The run lifecycle's queries: runs still running, conditional finishes, abandonment. */
  readonly runStates: RunStateRepository;
  readonly sleepTriggers: SleepTriggerRepository;
  readonly sleepQueue: SleepQueueRepository;
  readonly pendingConsolidations: PendingConsolidationRepository;
  readonly scopes: ScopeRepository;
  readonly searchIndex: SearchIndex;
  readonly meta: MetaRepository;
  readonly locks: LockManager;
  /** Runs `fn` in one transaction: everything it writes through `tx` commits or none of it does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  /** What an operator needs to know about the store: kind, vectors, schema version, connections. */
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres' | 'citus';
export type VectorMode = 'sqlite-vec' | 'pgvector-hnsw' | 'exact-scan';

export interface StoreStatus {
  kind: StoreKind;
  vectors: VectorMode;
  schemaVersion: number;
  /** PostgreSQL: the connection pool's size and use. */
  pool?: { size: number; total: number; idle: number; waiting: number };
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
  insertChunks(chunks: ShortTermChunk[]): Promise<void>;
  updateChunk(scope: Scope, id: string, patch: { content?: string; metadata?: Json }, at: string): Promise<void>;
  deleteChunks(scope: Scope, ids: string[]): Promise<number>;
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
  insertChunks(chunks: LongTermChunk[]): Promise<void>;
  closeChunk(scope: Scope, id: string, endDate: string): Promise<void>;
}

export type GraphTier = 'shortterm' | 'longterm';

/** The entity and relationship shapes of each graph tier. */
export interface GraphRows {
  shortterm: { entity: ShortTermEntity; relationship: ShortTermRelationship };
  longterm: { entity: LongTermEntity; relationship: LongTermRelationship };
}

/** Entities and relationships of one tier; short-term rows can be narrowed to one short-term memory. */
export interface GraphRepository<T extends GraphTier> {
  listEntities(scope: Scope, filter?: { shorttermId?: string }): Promise<Array<GraphRows[T]['entity']>>;
  insertEntities(entities: Array<GraphRows[T]['entity']>): Promise<void>;
  updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void>;
  listRelationships(scope: Scope, filter?: { shorttermId?: string }): Promise<Array<GraphRows[T]['relationship']>>;
  insertRelationships(relationships: Array<GraphRows[T]['relationship']>): Promise<void>;
  updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void>;
}

export interface EpisodeFilter {
  types?: readonly EpisodeType[] | readonly string[];
  statuses?: readonly EpisodeStatus[];
  /** Episodes with at least one of these tags. */
  tags?: readonly string[];
  occurredFrom?: string;
  occurredTo?: string;
  minImportance?: number;
  minConfidence?: number;
  /** Substring match on the text (case-insensitive). */
  textContains?: string;
  metadata?: MetadataFilter;
  /** Turns of this conversation session only. */
  sessionId?: string;
}

/** Items whose metadata holds every key with exactly this value. */
export type MetadataFilter = Record<string, string | number | boolean | null>;

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}

export interface EpisodeRepository {
  /** Inserts every episode (many rows per statement). */
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

/** A session turn already stored, with its own (unmixed) vector when it has one. */
export interface StoredTurn {
  episodeId: string;
  position: number;
  vector: Float32Array | undefined;
}

/** Conversation sessions: their turn counts and their turns' own vectors. */
export interface SessionRepository {
  /**
   * Reserves positions for `count` new turns of the session (creating it) and returns the first.
   * On PostgreSQL the session's row stays locked until the transaction ends, so two writers of one
   * session take turns; call it first in the writing transaction.
   */
  reserve(scope: Scope, sessionId: string, count: number, at: string): Promise<number>;
  /** The session's last `count` turns before `position`, oldest first. */
  turnsBefore(scope: Scope, sessionId: string, position: number, count: number): Promise<StoredTurn[]>;
  putTurnVectors(scope: Scope, vectors: Array<{ episodeId: string; vector: Float32Array }>): Promise<void>;
  /** Replaces the own vectors of those of these episodes that have one (re-embedding); others are left alone. */
  replaceTurnVectors(scope: Scope, vectors: Array<{ episodeId: string; vector: Float32Array }>): Promise<void>;
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

export type RunPatch = Partial<Pick<ConsolidationRun, 'status' | 'counts' | 'report' | 'error'>>;

/** A run recorded as running, with the scope it belongs to (for scans across scopes). */
export interface RunningRun {
  scope: Scope;
  id: string;
  kind: RunKind;
  memoryId: string | null;
  startedAt: string;
}

export interface RunStateRepository {
  /** Runs still `running`, across every scope (a plain scan; claims then happen per scope). */
  listRunning(limit: number): Promise<RunningRun[]>;
  /** Ends a run that is still `running`; false when it is not (another process recorded it abandoned). */
  finish(scope: Scope, id: string, patch: RunPatch, finishedAt: string): Promise<boolean>;
  /** Marks the scope's `running` runs of these kinds (and memory) abandoned; returns their ids. */
  abandon(scope: Scope, match: { kinds: readonly RunKind[]; memoryId: string | null }, error: string, at: string): Promise<string[]>;
  /** The scope's newest run of `kind` with one of `statuses`. */
  latest(scope: Scope, kind: RunKind, statuses: readonly RunStatus[]): Promise<ConsolidationRun | undefined>;
  /** A tenant's newest runs across its scopes. */
  recent(tenantId: string, limit: number): Promise<ConsolidationRun[]>;
}

export interface StoredSleepTriggers {
  scope: Scope;
  triggers: SleepTriggers;
  cycle: SleepCycleOptions;
  registeredAt: string;
  updatedAt: string;
}

export interface SleepTriggerRepository {
  get(scope: Scope): Promise<StoredSleepTriggers | undefined>;
  /** Sets the scope's triggers (keeping when it first registered). */
  put(scope: Scope, triggers: SleepTriggers, cycle: SleepCycleOptions, at: string): Promise<StoredSleepTriggers>;
  delete(scope: Scope): Promise<boolean>;
  /** Every known scope (of a tenant, or all), by scope id after `afterScopeId`, with its triggers if it set any. */
  listScopes(page: { tenantId?: string; afterScopeId?: string; limit: number }): Promise<Array<{ scopeId: string; scope: Scope; createdAt: string; stored?: StoredSleepTriggers }>>;
}

export interface SleepQueueRepository {
  /**
   * Queues a cycle: a scope has at most one queued request, which a stronger one raises (its kind,
   * trigger and priority); returns the queued request.
   */
  enqueue(scope: Scope, request: { kind: TriggerKind; trigger: string; priority: number }, at: string): Promise<SleepTask>;
  /** Queued (unclaimed) requests across scopes (of a tenant, or all): highest priority first, then oldest. */
  listQueued(filter: { tenantId?: string; limit: number }): Promise<SleepTask[]>;
  /** Gives the scope's queued request to a run; undefined when there is none. */
  claim(scope: Scope, runId: string): Promise<SleepTask | undefined>;
  /** Queues again what these (abandoned) runs had claimed. */
  release(scope: Scope, runIds: readonly string[]): Promise<void>;
  /** Removes what a finished run claimed. */
  complete(scope: Scope, runId: string): Promise<void>;
  /** Rows waiting (of a tenant, or all) and rows claimed by a run. */
  count(tenantId?: string): Promise<{ queued: number; claimed: number }>;
}

export interface PendingConsolidationRepository {
  /** Records that the memory reached its threshold (once per memory; later ones count up). */
  request(scope: Scope, memoryId: string, at: string): Promise<void>;
  get(scope: Scope, memoryId: string): Promise<PendingConsolidation | undefined>;
  /** Across scopes (of a tenant, or all), oldest first. */
  list(filter: { tenantId?: string; limit: number }): Promise<PendingConsolidation[]>;
  /** Removes the row if no request came since `requests` was read. */
  complete(scope: Scope, memoryId: string, requests: number): Promise<void>;
  count(tenantId?: string): Promise<number>;
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

/**
 * What a search keeps, applied inside the candidate queries. Tiers without types drop out when
 * `types` is set; tiers without tags when `tags` is.
 */
export interface SearchFilter {
  /** Only what was valid at this instant (episodes: happened by then; active and short-term: unchanged since). */
  asOf?: string;
  /** Now: long-term chunks and facts must be valid now when no asOf is given. */
  now: string;
  /** Episode types and fact categories. */
  types?: readonly string[];
  /** Episodes with at least one of these tags. */
  tags?: readonly string[];
  metadata?: MetadataFilter;
  /** Turns of this conversation session only (other tiers drop out). */
  sessionId?: string;
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
  vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]>;
  textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]>;
  /** Every indexed item of every scope in a stable order, a page at a time (for re-embedding). */
  listItems(page: { afterKey?: string; limit: number }): Promise<{ items: Array<Omit<IndexedItem, 'embedding'> & { key: string }> }>;
  /** Drops every vector and the dimension, so a new embedder can fill them again. */
  resetVectors(): Promise<void>;
  setVectors(vectors: Array<{ scope: Scope; tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void>;
  /** The stored vectors of a scope's items of one tier, by item id; items without one are absent. */
  getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface LockHandle {
  /** True once the lease could not be renewed because another holder took it over. */
  isLost(): boolean;
  release(): Promise<void>;
}

/** Named locks that hold across processes sharing the store. */
export interface LockManager {
  /**
   * Takes the lock named by `name`'s parts or returns null at once when another holder has it. It is
   * kept while the holder lives (renewed) and lapses `ttlMs` after the holder stops renewing it.
   */
  tryAcquire(name: readonly string[], ttlMs: number): Promise<LockHandle | null>;
}
