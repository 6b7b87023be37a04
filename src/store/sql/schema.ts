/**
 * The tables of every tier, in SQL both SQLite and PostgreSQL accept. Timestamps are ISO-8601 UTC
 * text (they sort as time), JSON is text, ids are UUID text. Each adapter adds its own search index.
 */
export const coreTables = `
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE active_memories (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX active_memories_scope ON active_memories (tenant_id, external_id);

CREATE TABLE active_memory_sections (
  memory_id TEXT NOT NULL REFERENCES active_memories (id) ON DELETE CASCADE,
  section_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  content TEXT NOT NULL,
  update_count INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (memory_id, section_id)
);

CREATE TABLE shortterm_memories (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  active_memory_id TEXT NOT NULL,
  update_count INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, external_id, active_memory_id)
);

CREATE TABLE shortterm_chunks (
  id TEXT PRIMARY KEY,
  shortterm_id TEXT NOT NULL REFERENCES shortterm_memories (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  section_id TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX shortterm_chunks_scope ON shortterm_chunks (tenant_id, external_id, shortterm_id);

CREATE TABLE shortterm_entities (
  id TEXT PRIMARY KEY,
  shortterm_id TEXT NOT NULL REFERENCES shortterm_memories (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  types TEXT NOT NULL,
  description TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX shortterm_entities_scope ON shortterm_entities (tenant_id, external_id, shortterm_id);

CREATE TABLE shortterm_relationships (
  id TEXT PRIMARY KEY,
  shortterm_id TEXT NOT NULL REFERENCES shortterm_memories (id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  target_name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  strength DOUBLE PRECISION NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX shortterm_relationships_scope ON shortterm_relationships (tenant_id, external_id, shortterm_id);

CREATE TABLE longterm_chunks (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  active_memory_id TEXT,
  section_id TEXT,
  content TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  importance DOUBLE PRECISION NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  last_updated TEXT NOT NULL,
  source_shortterm_id TEXT,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX longterm_chunks_scope ON longterm_chunks (tenant_id, external_id, section_id);

CREATE TABLE longterm_entities (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  types TEXT NOT NULL,
  description TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX longterm_entities_scope ON longterm_entities (tenant_id, external_id);

CREATE TABLE longterm_relationships (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  target_name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  strength DOUBLE PRECISION NOT NULL,
  metadata TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX longterm_relationships_scope ON longterm_relationships (tenant_id, external_id);

CREATE TABLE episodes (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  importance DOUBLE PRECISION NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  emotional_valence DOUBLE PRECISION NOT NULL,
  tags TEXT NOT NULL,
  metadata TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  access_count INTEGER NOT NULL,
  last_accessed_at TEXT,
  status TEXT NOT NULL,
  consolidated_at TEXT,
  size_bytes INTEGER NOT NULL
);
CREATE INDEX episodes_scope_time ON episodes (tenant_id, external_id, occurred_at, id);
CREATE INDEX episodes_scope_created ON episodes (tenant_id, external_id, created_at);

CREATE TABLE facts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  subject TEXT,
  predicate TEXT,
  value TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  evidence_ids TEXT NOT NULL,
  metadata TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX facts_current_key ON facts (tenant_id, external_id, key) WHERE valid_to IS NULL;
CREATE INDEX facts_scope_key ON facts (tenant_id, external_id, key, valid_from);

CREATE TABLE consolidation_runs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  memory_id TEXT,
  trigger_source TEXT NOT NULL,
  status TEXT NOT NULL,
  counts TEXT NOT NULL,
  report TEXT NOT NULL,
  error TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX consolidation_runs_scope ON consolidation_runs (tenant_id, external_id, started_at);

CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;
