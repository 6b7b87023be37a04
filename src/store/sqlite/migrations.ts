import { coreTables } from '../sql/schema.js';
import type { Migration } from '../sql/migrations.js';
import { VectorDimension } from '../sql/vector-dimension.js';
import { vectorTableSql } from './search-index.js';

export const sqliteMigrations: Migration[] = [
  { version: 1, name: 'core tables', up: (db) => db.exec(coreTables) },
  {
    version: 2,
    name: 'search index (FTS5; the sqlite-vec table is made once the vector dimension is known)',
    up: (db) =>
      db.exec(`
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
      `),
  },
  {
    version: 3,
    name: 'vectors compared by Euclidean distance (same order as cosine for unit vectors, faster scans)',
    async up(db) {
      const dimension = await new VectorDimension(db).get();
      const cosineTable = await db.get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'search_vec'");
      if (dimension === undefined || !cosineTable) return;
      // sqlite-vec tables cannot be renamed (their shadow tables keep the old name), so copy.
      await db.exec(vectorTableSql(dimension));
      await db.exec('INSERT INTO search_vectors (rowid, partition_key, embedding) SELECT rowid, partition_key, embedding FROM search_vec');
      await db.exec('DROP TABLE search_vec');
    },
  },
];
