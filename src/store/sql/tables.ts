import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of the store as Kysely sees them, on both dialects. Timestamps are ISO-8601 UTC
 * strings either way (timestamptz on PostgreSQL, parsed back to ISO text; TEXT on SQLite). JSON and
 * list columns are written as the adapter's codec encodes them (jsonb and text[] on PostgreSQL,
 * JSON text on SQLite) and read back through it, so their select type is `unknown`.
 */
type Timestamp = string;
type JsonColumn = ColumnType<unknown, unknown, unknown>;
type ListColumn = ColumnType<unknown, unknown, unknown>;
type Count = ColumnType<number, number, number>;

export interface ScopesTable {
  scope_id: string;
  tenant_id: string;
  external_id: string;
  created_at: Timestamp;
}

export interface ActiveMemoriesTable {
  scope_id: string;
  id: string;
  title: string;
  template: JsonColumn;
  metadata: JsonColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActiveMemorySectionsTable {
  scope_id: string;
  memory_id: string;
  section_id: string;
  position: number;
  content: string;
  update_count: Count;
  updated_at: Timestamp;
}

export interface ShorttermMemoriesTable {
  scope_id: string;
  id: string;
  active_memory_id: string;
  update_count: Count;
  metadata: JsonColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShorttermChunksTable {
  scope_id: string;
  id: string;
  shortterm_id: string;
  section_id: string;
  content: string;
  metadata: JsonColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LongtermChunksTable {
  scope_id: string;
  id: string;
  active_memory_id: string | null;
  section_id: string | null;
  content: string;
  confidence: number;
  importance: number;
  start_date: Timestamp;
  end_date: Timestamp | null;
  last_updated: Timestamp;
  source_shortterm_id: string | null;
  metadata: JsonColumn;
  created_at: Timestamp;
}

/** Entities of both graph tiers; short-term rows belong to a short-term memory. */
export interface GraphEntitiesTable {
  scope_id: string;
  id: string;
  tier: 'shortterm' | 'longterm';
  shortterm_id: string | null;
  name: string;
  types: ListColumn;
  description: string;
  confidence: number;
  metadata: JsonColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Relationships of both graph tiers; long-term rows have a validity (start_date, end_date). */
export interface GraphRelationshipsTable {
  scope_id: string;
  id: string;
  tier: 'shortterm' | 'longterm';
  shortterm_id: string | null;
  source_name: string;
  target_name: string;
  type: string;
  description: string;
  confidence: number;
  strength: number;
  metadata: JsonColumn;
  start_date: Timestamp | null;
  end_date: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EpisodesTable {
  scope_id: string;
  id: string;
  type: string;
  text: string;
  importance: number;
  confidence: number;
  emotional_valence: number;
  tags: ListColumn;
  metadata: JsonColumn;
  occurred_at: Timestamp;
  created_at: Timestamp;
  access_count: Count;
  last_accessed_at: Timestamp | null;
  status: string;
  consolidated_at: Timestamp | null;
  size_bytes: Count;
  /** Set for turns written by addMessages: their session, 0-based position in it, and speaker. */
  session_id: string | null;
  position: number | null;
  speaker: string | null;
}

/** One row per conversation session: how many turns it has (the next turn's position). */
export interface SessionsTable {
  scope_id: string;
  id: string;
  turns: Count;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A session turn's own vector (float32 bytes), before it is mixed with its neighbours' for the search index. */
export interface TurnVectorsTable {
  scope_id: string;
  episode_id: string;
  embedding: ColumnType<Buffer, Buffer, Buffer>;
}

export interface FactsTable {
  scope_id: string;
  id: string;
  key: string;
  category: string;
  subject: string | null;
  predicate: string | null;
  value: string;
  confidence: number;
  evidence_ids: ListColumn;
  metadata: JsonColumn;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  created_at: Timestamp;
}

export interface RunsTable {
  scope_id: string;
  id: string;
  kind: string;
  memory_id: string | null;
  trigger_source: string;
  status: string;
  counts: JsonColumn;
  report: JsonColumn;
  error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

/**
 * One row per indexed text. SQLite numbers them (`id`, the rowid its full-text and vector tables
 * share); PostgreSQL keeps the vector and the tsvector on the row itself.
 */
/** A scope's sleep-cycle triggers and the options its triggered cycles use. */
export interface SleepTriggersTable {
  scope_id: string;
  triggers: JsonColumn;
  cycle: JsonColumn;
  registered_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Sleep cycles asked for (manual, event, or a due scheduled or quota trigger): at most one queued
 * row per scope (`run_id` null); a run claims it by setting `run_id` and deletes it when it ends.
 */
export interface SleepRequestsTable {
  scope_id: string;
  id: string;
  kind: string;
  trigger_source: string;
  priority: number;
  requested_at: Timestamp;
  run_id: string | null;
}

/** Memories that reached their consolidation threshold; `requests` counts the triggers since the row was made. */
export interface PendingConsolidationsTable {
  scope_id: string;
  memory_id: string;
  requests: Count;
  requested_at: Timestamp;
}

export interface SearchEntriesTable {
  id: Generated<number>;
  scope_id: string;
  tier: string;
  item_id: string;
  text: string;
  embedding: ColumnType<unknown, unknown, unknown>;
}

export interface LocksTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Database {
  scopes: ScopesTable;
  active_memories: ActiveMemoriesTable;
  active_memory_sections: ActiveMemorySectionsTable;
  shortterm_memories: ShorttermMemoriesTable;
  shortterm_chunks: ShorttermChunksTable;
  longterm_chunks: LongtermChunksTable;
  graph_entities: GraphEntitiesTable;
  graph_relationships: GraphRelationshipsTable;
  episodes: EpisodesTable;
  sessions: SessionsTable;
  turn_vectors: TurnVectorsTable;
  facts: FactsTable;
  runs: RunsTable;
  sleep_triggers: SleepTriggersTable;
  sleep_requests: SleepRequestsTable;
  pending_consolidations: PendingConsolidationsTable;
  search_entries: SearchEntriesTable;
  locks: LocksTable;
  store_meta: StoreMetaTable;
  schema_migrations: SchemaMigrationsTable;
}

/** The scoped tables of conversations (made by a later migration than the first scoped tables). */
export const CONVERSATION_TABLES = ['sessions', 'turn_vectors'] as const satisfies ReadonlyArray<keyof Database>;

/** The scoped tables of background work (made by a later migration than the rest). */
export const BACKGROUND_TABLES = ['sleep_triggers', 'sleep_requests', 'pending_consolidations'] as const satisfies ReadonlyArray<keyof Database>;

/**
 * Tables whose rows belong to one scope (the distribution column on Citus is `scope_id`), each
 * after the tables its foreign keys point at.
 */
export const SCOPED_TABLES = [
  'scopes',
  'active_memories',
  'active_memory_sections',
  'shortterm_memories',
  'shortterm_chunks',
  'longterm_chunks',
  'graph_entities',
  'graph_relationships',
  'episodes',
  'sessions',
  'turn_vectors',
  'facts',
  'runs',
  'search_entries',
  ...BACKGROUND_TABLES,
] as const satisfies ReadonlyArray<keyof Database>;
