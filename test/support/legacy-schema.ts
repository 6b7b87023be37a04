/**
 * The first schema (migrations 1–3 before the scoped schema): every scoped table carried
 * tenant_id/external_id TEXT, timestamps and JSON were TEXT. Tests build stores in this shape to
 * check that opening them converts every row.
 */
export const LEGACY_CORE_SQL = `
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

export const LEGACY_SQLITE_SEARCH_SQL = `
CREATE TABLE search_items (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  item_id TEXT NOT NULL,
  UNIQUE (tier, item_id)
);
CREATE INDEX search_items_scope ON search_items (tenant_id, external_id);
CREATE VIRTUAL TABLE search_fts USING fts5(text, scope_key, tier, tokenize = 'porter unicode61');
`;

export const LEGACY_POSTGRES_SEARCH_SQL = `
CREATE TABLE search_items (
  id BIGSERIAL PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  embedding REAL[],
  UNIQUE (tier, item_id)
);
CREATE INDEX search_items_scope ON search_items (tenant_id, external_id, tier);
CREATE INDEX search_items_tsv ON search_items USING GIN (tsv);
CREATE FUNCTION agent_mem_dot(a REAL[], b REAL[]) RETURNS DOUBLE PRECISION
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT SUM(x * y) FROM UNNEST(a, b) AS t(x, y)';
`;

export const T0 = '2026-01-01T00:00:00.000Z';
export const T1 = '2026-02-01T00:00:00.000Z';

/** One row in every table of the first schema, for the scope (acme, "agent 1"), as literal SQL both dialects run. */
export const LEGACY_ROWS_SQL = `
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'core tables', '${T0}'), (2, 'search index', '${T0}');
INSERT INTO store_meta (key, value) VALUES ('vector_dimension', '4'), ('embedder', 'test:legacy-4');
INSERT INTO active_memories VALUES ('m1', 'acme', 'agent 1', 'Trip', '{"sections":[{"id":"plan","title":"Plan"},{"id":"notes"}]}', '{"source":"legacy"}', '${T0}', '${T1}');
INSERT INTO active_memory_sections VALUES ('m1', 'plan', 'acme', 'agent 1', 0, 'Fly to Kyoto in April', 2, '${T1}'), ('m1', 'notes', 'acme', 'agent 1', 1, '', 0, '${T0}');
INSERT INTO shortterm_memories VALUES ('st1', 'acme', 'agent 1', 'm1', 3, '{"promotionHistory":[]}', '${T0}', '${T1}');
INSERT INTO shortterm_chunks VALUES ('sc1', 'st1', 'acme', 'agent 1', 'plan', 'Fly to Kyoto', '{}', '${T0}', '${T1}');
INSERT INTO shortterm_entities VALUES ('se1', 'st1', 'acme', 'agent 1', 'Kyoto', '["place"]', 'a city', 0.7, '{}', '${T0}', '${T1}');
INSERT INTO shortterm_relationships VALUES ('sr1', 'st1', 'acme', 'agent 1', 'User', 'Kyoto', 'visits', '', 0.6, 0.5, '{}', '${T0}', '${T1}');
INSERT INTO longterm_chunks VALUES ('lc1', 'acme', 'agent 1', 'm1', 'plan', 'Visited Osaka', 0.8, 0.5, '${T0}', '${T1}', '${T1}', 'st1', '{}', '${T0}');
INSERT INTO longterm_entities VALUES ('le1', 'acme', 'agent 1', 'Osaka', '["place","city"]', '', 0.8, '{"stateHistory":[{"at":"${T0}"}]}', '${T0}', '${T1}');
INSERT INTO longterm_relationships VALUES ('lr1', 'acme', 'agent 1', 'User', 'Osaka', 'visited', '', 0.8, 0.6, '{}', '${T0}', NULL, '${T0}', '${T1}');
INSERT INTO episodes VALUES ('e1', 'acme', 'agent 1', 'preference', 'Prefers window seats on long flights', 0.7, 0.9, 0.2, '["travel","seat"]', '{"source":"chat"}', '${T0}', '${T0}', 3, '${T1}', 'active', NULL, 36);
INSERT INTO facts VALUES ('f1', 'acme', 'agent 1', 'user.seat', 'preference', 'user', 'seat', 'aisle', 0.9, '["e1"]', '{}', '${T0}', '${T1}', '${T0}'),
  ('f2', 'acme', 'agent 1', 'user.seat', 'preference', 'user', 'seat', 'window', 0.9, '["e1"]', '{}', '${T1}', NULL, '${T1}');
INSERT INTO consolidation_runs VALUES ('r1', 'acme', 'agent 1', 'consolidation', 'm1', 'manual', 'succeeded', '{"chunksCreated":1}', '{"resolver":"deterministic"}', NULL, '${T0}', '${T1}');
INSERT INTO locks VALUES ('consolidation:acme:agent 1:m1', 'a holder', '${T1}');
`;
