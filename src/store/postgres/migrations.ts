import { coreTables } from '../sql/schema.js';
import type { Migration } from '../sql/migrations.js';

export const postgresMigrations: Migration[] = [
  { version: 1, name: 'core tables', up: (db) => db.exec(coreTables) },
  {
    version: 2,
    name: 'search index (tsvector + real[] embeddings with an exact-scan dot product)',
    up: (db) =>
      db.exec(`
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
      `),
  },
];
