import { sql } from 'kysely';
import { createBackgroundTables } from '../sql/background-schema.js';
import { convertLegacyTables, type LegacyCasts } from '../sql/legacy-conversion.js';
import type { MigrationContext, MigrationPlan } from '../sql/migrations.js';
import { SCOPED_INDEXES_SQL, SQLITE_TYPES, conversationSchemaSql, globalTablesSql, scopedTablesSql } from '../sql/scoped-schema.js';
import { VectorDimension } from '../sql/vector-dimension.js';
import { SqlMetaRepository } from '../sql/meta.js';
import { sqliteSqlDialect } from './dialect.js';
import { SQLITE_SEARCH_SQL } from './search-schema.js';
import { VECTOR_PARTITION_INDEX_SQL, vectorTableStatements } from './search-index.js';

const identity = (column: string) => column;
const casts: LegacyCasts = { types: SQLITE_TYPES, timestamp: identity, json: identity, list: identity };

/** The first schema's search index (items, FTS5 text, one sqlite-vec table) into the scoped one. */
async function convertLegacySearch(context: MigrationContext): Promise<void> {
  const { db, exec } = context;
  await exec(SQLITE_SEARCH_SQL);
  await exec(`INSERT INTO search_entries (id, scope_id, tier, item_id, text)
    SELECT i.id, agent_mem_scope_id(i.tenant_id, i.external_id), i.tier, i.item_id, f.text FROM search_items i JOIN search_fts f ON f.rowid = i.id`);
  await exec('INSERT INTO search_terms (rowid, terms) SELECT id, agent_mem_scoped_terms(scope_id, text) FROM search_entries');
  const dimension = await new VectorDimension(new SqlMetaRepository({ db, dialect: sqliteSqlDialect })).get();
  // Before migration 3 the vectors were in `search_vec` (cosine); the floats are the same.
  const legacyVectors = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('search_vectors', 'search_vec')`.execute(db)).rows[0]?.name;
  if (dimension !== undefined && legacyVectors) {
    for (const statement of vectorTableStatements(dimension)) await exec(statement);
    await exec(`INSERT INTO search_embeddings (rowid, partition_key, embedding)
      SELECT v.rowid, e.scope_id || '/' || e.tier, v.embedding FROM ${legacyVectors} v JOIN search_entries e ON e.id = v.rowid`);
  }
  for (const table of ['search_fts', 'search_items', 'search_vectors', 'search_vec']) await exec(`DROP TABLE IF EXISTS ${table}`);
}

/** Versions 1–3 built the first schema; a store made since starts at the latest schema directly. */
export const sqliteMigrations: MigrationPlan = {
  migrations: [
    { version: 1, name: 'core tables', up: async () => {} },
    { version: 2, name: 'search index (FTS5; the sqlite-vec table is made once the vector dimension is known)', up: async () => {} },
    { version: 3, name: 'vectors compared by Euclidean distance (folded into version 4)', up: async () => {} },
    {
      version: 4,
      name: 'scoped schema: scope_id keys, one graph table per kind, scope-prefixed full-text terms',
      async up(context) {
        await convertLegacyTables(context, casts);
        await context.exec('DELETE FROM locks');
        await convertLegacySearch(context);
      },
    },
    {
      version: 5,
      name: 'conversations: episodes carry session, position and speaker; sessions; each session turn\'s own vector',
      async up({ exec }) {
        for (const statement of conversationSchemaSql(SQLITE_TYPES)) await exec(statement);
      },
    },
    {
      version: 6,
      name: 'background work: sleep triggers, requested sleep cycles, pending consolidations',
      up: ({ exec }) => createBackgroundTables(exec, SQLITE_TYPES),
    },
    {
      version: 7,
      name: "vector partitions found through an index on sqlite-vec's chunk table",
      async up({ db, exec }) {
        const vectors = await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_embeddings_chunks'`.execute(db);
        if (vectors.rows.length > 0) await exec(VECTOR_PARTITION_INDEX_SQL);
      },
    },
  ],
  async createLatest({ exec }) {
    await exec(globalTablesSql(SQLITE_TYPES));
    await exec(scopedTablesSql(SQLITE_TYPES));
    await exec(SCOPED_INDEXES_SQL);
    for (const statement of conversationSchemaSql(SQLITE_TYPES)) await exec(statement);
    await exec(SQLITE_SEARCH_SQL);
    await createBackgroundTables(exec, SQLITE_TYPES);
  },
};
