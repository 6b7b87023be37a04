import { coreTables } from '../sql/schema.js';
import type { Migration } from '../sql/migrations.js';

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
];
