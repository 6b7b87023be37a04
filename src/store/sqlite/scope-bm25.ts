import { sql, type Kysely } from 'kysely';
import type { Database } from '../sql/tables.js';
import { scopedQuery } from './scoped-terms.js';

/** FTS5's IDF (floored as FTS5 floors it). */
const idf = (documents: number, containing: number) => Math.max(1e-6, Math.log((documents - containing + 0.5) / (containing + 0.5)));

/** SQLite's variable-length integer (FTS5 stores its totals in them): value and bytes read. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return [value * 256 + bytes[at + 8]!, 9];
}

/** Rows of the whole full-text table: the first integer of FTS5's averages record (rowid 1 of its data table). */
async function indexedRows(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ block: Uint8Array }>`SELECT block FROM search_terms_data WHERE id = 1`.execute(db);
  return rows[0] ? varint(rows[0].block, 0)[0] : 0;
}

/**
 * BM25 of the scope's documents for the terms, by rowid, with the scope's own document counts.
 * Words are indexed per scope (see scoped-terms.ts), but FTS5's bm25() divides by the rows of the
 * whole table: its IDF grows with every other agent's memories and, at a thousand agents, weighs a
 * word half the agent's texts hold almost like a rare one. Each term is ranked alone and its
 * score rescaled from FTS5's IDF to the scope's (the term part of BM25 is left as FTS5 made it).
 */
export async function scopeBm25(db: Kysely<Database>, scopeId: string, terms: readonly string[]): Promise<Map<number, number>> {
  const [total, scopeRows] = await Promise.all([
    indexedRows(db),
    db.selectFrom('search_entries').select(sql<number>`COUNT(*)`.as('count')).where('scope_id', '=', scopeId).executeTakeFirst(),
  ]);
  const documents = Number(scopeRows?.count ?? 0);
  const scores = new Map<number, number>();
  for (const term of terms) {
    const { rows } = await sql<{ rowid: number; rank: number }>`SELECT rowid, bm25(search_terms) AS rank FROM search_terms WHERE search_terms MATCH ${scopedQuery(scopeId, [term])}`.execute(db);
    if (rows.length === 0) continue;
    const rescale = idf(documents, rows.length) / idf(total, rows.length);
    for (const row of rows) scores.set(row.rowid, (scores.get(row.rowid) ?? 0) - row.rank * rescale);
  }
  return scores;
}
