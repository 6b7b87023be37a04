/** The search index's own tables; the vector table is made once the dimension is known. */
export const SQLITE_SEARCH_SQL = `
CREATE TABLE search_entries (
  id INTEGER PRIMARY KEY,
  scope_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (scope_id, tier, item_id)
);
CREATE VIRTUAL TABLE search_terms USING fts5(terms, content = '', contentless_delete = 1, tokenize = "porter unicode61 tokenchars '_'");
`;
