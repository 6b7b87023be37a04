import { createBackgroundTables } from '../sql/background-schema.js';
import { convertLegacyTables, type LegacyCasts } from '../sql/legacy-conversion.js';
import type { MigrationContext, MigrationPlan } from '../sql/migrations.js';
import { POSTGRES_TYPES, SCOPED_INDEXES_SQL, conversationSchemaSql, globalTablesSql, scopedTablesSql } from '../sql/scoped-schema.js';

const casts: LegacyCasts = {
  types: POSTGRES_TYPES,
  timestamp: (column) => `${column}::timestamptz`,
  json: (column) => `${column}::jsonb`,
  list: (column) => `ARRAY(SELECT jsonb_array_elements_text(${column}::jsonb))`,
};

/** SQL functions the schema and its conversion use; `agent_mem_scope_id` is scopeIdOf in SQL. */
const FUNCTIONS_SQL = `
CREATE OR REPLACE FUNCTION agent_mem_scope_id(tenant_id TEXT, external_id TEXT) RETURNS UUID
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT substr(encode(sha256(convert_to(octet_length(tenant_id)::text || ':' || tenant_id || ':' || external_id, 'UTF8')), 'hex'), 1, 32)::uuid $$;
CREATE OR REPLACE FUNCTION agent_mem_dot(a REAL[], b REAL[]) RETURNS DOUBLE PRECISION
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT SUM(x * y) FROM UNNEST(a, b) AS t(x, y)';
`;

/** Indexes only PostgreSQL has: tags by GIN, for the `&&` overlap filters use. */
const POSTGRES_INDEXES_SQL = 'CREATE INDEX episodes_tags ON episodes USING GIN (tags)';

/** The search index: text with a generated tsvector, the vector as pgvector's type or REAL[]. */
function searchSql(pgvector: boolean): string {
  return `
CREATE TABLE search_entries (
  scope_id UUID NOT NULL,
  tier TEXT NOT NULL,
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  embedding ${pgvector ? 'VECTOR' : 'REAL[]'},
  PRIMARY KEY (scope_id, tier, item_id)
);
CREATE INDEX search_entries_tsv ON search_entries USING GIN (tsv);
`;
}

async function convertLegacySearch({ exec }: MigrationContext, pgvector: boolean): Promise<void> {
  await exec(`INSERT INTO search_entries (scope_id, tier, item_id, text, embedding)
    SELECT agent_mem_scope_id(tenant_id, external_id), tier, item_id, text, embedding${pgvector ? '::vector' : ''} FROM search_items`);
  await exec('DROP TABLE search_items');
}

/**
 * Versions 1–2 built the first schema (TEXT everywhere); version 3 converts it in place. A store
 * made since starts at the latest schema directly. `pgvector` picks the vector column's type.
 */
export function postgresMigrations(options: { pgvector: boolean }): MigrationPlan {
  return {
    migrations: [
      { version: 1, name: 'core tables', up: async () => {} },
      { version: 2, name: 'search index (tsvector + real[] embeddings with an exact-scan dot product)', up: async () => {} },
      {
        version: 3,
        name: 'scoped schema: scope_id keys, timestamptz, jsonb, text[] tags, one graph table per kind',
        async up(context) {
          await context.exec(FUNCTIONS_SQL);
          await convertLegacyTables(context, casts);
          await context.exec(POSTGRES_INDEXES_SQL);
          await context.exec('DELETE FROM locks; ALTER TABLE locks ALTER COLUMN expires_at TYPE TIMESTAMPTZ USING expires_at::timestamptz');
          await context.exec(searchSql(options.pgvector));
          await convertLegacySearch(context, options.pgvector);
        },
      },
      {
        version: 4,
        name: "conversations: episodes carry session, position and speaker; sessions; each session turn's own vector",
        async up({ exec }) {
          for (const statement of conversationSchemaSql(POSTGRES_TYPES)) await exec(statement);
        },
      },
      {
        version: 5,
        name: 'background work: sleep triggers, requested sleep cycles, pending consolidations',
        up: ({ exec }) => createBackgroundTables(exec, POSTGRES_TYPES),
      },
    ],
    async createLatest({ exec }) {
      await exec(FUNCTIONS_SQL);
      await exec(globalTablesSql(POSTGRES_TYPES));
      await exec(scopedTablesSql(POSTGRES_TYPES));
      await exec(SCOPED_INDEXES_SQL);
      await exec(POSTGRES_INDEXES_SQL);
      for (const statement of conversationSchemaSql(POSTGRES_TYPES)) await exec(statement);
      await exec(searchSql(options.pgvector));
      await createBackgroundTables(exec, POSTGRES_TYPES);
    },
    async serialize({ exec }) {
      await exec(`SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock(hashtextextended('agent-mem:migrate', 0))`);
    },
  };
}
