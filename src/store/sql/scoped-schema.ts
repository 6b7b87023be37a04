/** The column types a dialect gives the scoped schema. */
export interface ColumnTypes {
  uuid: string;
  timestamp: string;
  json: string;
  list: string;
  float: string;
  integer: string;
  bytes: string;
}

export const SQLITE_TYPES: ColumnTypes = { uuid: 'TEXT', timestamp: 'TEXT', json: 'TEXT', list: 'TEXT', float: 'REAL', integer: 'INTEGER', bytes: 'BLOB' };
export const POSTGRES_TYPES: ColumnTypes = {
  uuid: 'UUID',
  timestamp: 'TIMESTAMPTZ',
  json: 'JSONB',
  list: 'TEXT[]',
  float: 'DOUBLE PRECISION',
  integer: 'INTEGER',
  bytes: 'BYTEA',
};

/**
 * The tables of every tier, keyed by `scope_id` first: every primary, unique and foreign key
 * includes it, so on Citus each table can be distributed by it and a scope's rows live on one
 * shard. `name` maps a table's name (a conversion builds the new tables beside the old ones).
 * The search index is each adapter's own.
 */
export function scopedTablesSql(t: ColumnTypes, name: (table: string) => string = (table) => table): string {
  return `
CREATE TABLE ${name('scopes')} (
  scope_id ${t.uuid} NOT NULL PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  created_at ${t.timestamp} NOT NULL
);

CREATE TABLE ${name('active_memories')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  template ${t.json} NOT NULL,
  metadata ${t.json} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id)
);

CREATE TABLE ${name('active_memory_sections')} (
  scope_id ${t.uuid} NOT NULL,
  memory_id TEXT NOT NULL,
  section_id TEXT NOT NULL,
  position ${t.integer} NOT NULL,
  content TEXT NOT NULL,
  update_count ${t.integer} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, memory_id, section_id),
  FOREIGN KEY (scope_id, memory_id) REFERENCES ${name('active_memories')} (scope_id, id) ON DELETE CASCADE
);

CREATE TABLE ${name('shortterm_memories')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  active_memory_id TEXT NOT NULL,
  update_count ${t.integer} NOT NULL,
  metadata ${t.json} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id),
  UNIQUE (scope_id, active_memory_id)
);

CREATE TABLE ${name('shortterm_chunks')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  shortterm_id TEXT NOT NULL,
  section_id TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata ${t.json} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id),
  FOREIGN KEY (scope_id, shortterm_id) REFERENCES ${name('shortterm_memories')} (scope_id, id) ON DELETE CASCADE
);

CREATE TABLE ${name('longterm_chunks')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  active_memory_id TEXT,
  section_id TEXT,
  content TEXT NOT NULL,
  confidence ${t.float} NOT NULL,
  importance ${t.float} NOT NULL,
  start_date ${t.timestamp} NOT NULL,
  end_date ${t.timestamp},
  last_updated ${t.timestamp} NOT NULL,
  source_shortterm_id TEXT,
  metadata ${t.json} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id)
);

CREATE TABLE ${name('graph_entities')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  tier TEXT NOT NULL,
  shortterm_id TEXT,
  name TEXT NOT NULL,
  types ${t.list} NOT NULL,
  description TEXT NOT NULL,
  confidence ${t.float} NOT NULL,
  metadata ${t.json} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id),
  FOREIGN KEY (scope_id, shortterm_id) REFERENCES ${name('shortterm_memories')} (scope_id, id) ON DELETE CASCADE
);

CREATE TABLE ${name('graph_relationships')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  tier TEXT NOT NULL,
  shortterm_id TEXT,
  source_name TEXT NOT NULL,
  target_name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  confidence ${t.float} NOT NULL,
  strength ${t.float} NOT NULL,
  metadata ${t.json} NOT NULL,
  start_date ${t.timestamp},
  end_date ${t.timestamp},
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id),
  FOREIGN KEY (scope_id, shortterm_id) REFERENCES ${name('shortterm_memories')} (scope_id, id) ON DELETE CASCADE
);

CREATE TABLE ${name('episodes')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  importance ${t.float} NOT NULL,
  confidence ${t.float} NOT NULL,
  emotional_valence ${t.float} NOT NULL,
  tags ${t.list} NOT NULL,
  metadata ${t.json} NOT NULL,
  occurred_at ${t.timestamp} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  access_count ${t.integer} NOT NULL,
  last_accessed_at ${t.timestamp},
  status TEXT NOT NULL,
  consolidated_at ${t.timestamp},
  size_bytes ${t.integer} NOT NULL,
  PRIMARY KEY (scope_id, id)
);

CREATE TABLE ${name('facts')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  subject TEXT,
  predicate TEXT,
  value TEXT NOT NULL,
  confidence ${t.float} NOT NULL,
  evidence_ids ${t.list} NOT NULL,
  metadata ${t.json} NOT NULL,
  valid_from ${t.timestamp} NOT NULL,
  valid_to ${t.timestamp},
  created_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id)
);

CREATE TABLE ${name('runs')} (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  memory_id TEXT,
  trigger_source TEXT NOT NULL,
  status TEXT NOT NULL,
  counts ${t.json} NOT NULL,
  report ${t.json} NOT NULL,
  error TEXT,
  started_at ${t.timestamp} NOT NULL,
  finished_at ${t.timestamp},
  PRIMARY KEY (scope_id, id)
);
`;
}

/** The secondary indexes of the scoped tables (made once the tables have their final names). */
export const SCOPED_INDEXES_SQL = `
CREATE INDEX scopes_tenant ON scopes (tenant_id, external_id);
CREATE INDEX shortterm_chunks_memory ON shortterm_chunks (scope_id, shortterm_id);
CREATE INDEX longterm_chunks_section ON longterm_chunks (scope_id, active_memory_id, section_id);
CREATE INDEX graph_entities_tier ON graph_entities (scope_id, tier, shortterm_id);
CREATE INDEX graph_relationships_tier ON graph_relationships (scope_id, tier, shortterm_id);
CREATE INDEX episodes_occurred ON episodes (scope_id, occurred_at, id);
CREATE INDEX episodes_created ON episodes (scope_id, created_at);
CREATE UNIQUE INDEX facts_current_key ON facts (scope_id, key) WHERE valid_to IS NULL;
CREATE INDEX facts_key_versions ON facts (scope_id, key, valid_from);
CREATE INDEX runs_started ON runs (scope_id, started_at);
`;

/**
 * Conversations (schema version 5 on SQLite, 4 on PostgreSQL), one statement each: episodes carry
 * their session, their position in it and who spoke; `sessions` counts each session's turns (its
 * row is what two writers of one session queue on); `turn_vectors` keeps each session turn's own
 * vector, so a turn added later is mixed with its neighbours without embedding any text twice
 * (deleted with its episode by the episodes repository: no foreign key, so a Citus database that
 * upgrades can create the table before distributing it). A fresh store gets them right after the
 * scoped tables.
 */
export function conversationSchemaSql(t: ColumnTypes): string[] {
  return [
    'ALTER TABLE episodes ADD COLUMN session_id TEXT',
    `ALTER TABLE episodes ADD COLUMN position ${t.integer}`,
    'ALTER TABLE episodes ADD COLUMN speaker TEXT',
    `CREATE TABLE sessions (
  scope_id ${t.uuid} NOT NULL,
  id TEXT NOT NULL,
  turns ${t.integer} NOT NULL,
  created_at ${t.timestamp} NOT NULL,
  updated_at ${t.timestamp} NOT NULL,
  PRIMARY KEY (scope_id, id)
)`,
    `CREATE TABLE turn_vectors (
  scope_id ${t.uuid} NOT NULL,
  episode_id TEXT NOT NULL,
  embedding ${t.bytes} NOT NULL,
  PRIMARY KEY (scope_id, episode_id)
)`,
    'CREATE INDEX episodes_session ON episodes (scope_id, session_id, position)',
  ];
}

/** Tables of the whole store, not of a scope. */
export function globalTablesSql(t: ColumnTypes): string {
  return `
CREATE TABLE IF NOT EXISTS store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS locks (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at ${t.timestamp} NOT NULL
);
`;
}
