import { sql, type Expression, type RawBuilder } from 'kysely';

/** BM25's term-frequency saturation and length normalisation, as FTS5 sets them on SQLite. */
const K1 = 1.2;
const B = 0.75;

/**
 * BM25 over a scope's documents, in one statement: `matching` selects (tier, item_id, tsv, kept) for
 * every entry of the scope that holds a query lexeme, `kept` saying whether the filters keep it.
 * Document frequencies, the document count and the average length are the scope's own (the
 * average over the matching entries); every matching entry is scored, then the filters keep what
 * they keep and the best `limit` are cut. A document's length is its number of distinct lexemes.
 */
export function scopeBm25Sql(params: { matching: Expression<unknown>; scopeDocuments: Expression<unknown>; lexemes: RawBuilder<unknown>; limit: number }): RawBuilder<{ tier: string; item_id: string; score: number }> {
  return sql`
    WITH matching AS (${params.matching}),
    occurrences AS (
      SELECT m.tier, m.item_id, m.kept, u.lexeme, array_length(u.positions, 1) AS tf, length(m.tsv) AS dl
      FROM matching m, unnest(m.tsv) AS u
      WHERE u.lexeme = ANY (${params.lexemes})
    ),
    frequencies AS (SELECT lexeme, count(*) AS n FROM occurrences GROUP BY lexeme),
    totals AS (SELECT (${params.scopeDocuments})::float8 AS documents, (SELECT avg(length(tsv)) FROM matching)::float8 AS avgdl)
    SELECT o.tier, o.item_id,
      sum(greatest(1e-6, ln((t.documents - f.n + 0.5) / (f.n + 0.5))) * o.tf * ${sql.lit(K1 + 1)} / (o.tf + ${sql.lit(K1)} * (1 - ${sql.lit(B)} + ${sql.lit(B)} * o.dl / t.avgdl))) AS score
    FROM occurrences o JOIN frequencies f USING (lexeme), totals t
    WHERE o.kept
    GROUP BY o.tier, o.item_id
    ORDER BY score DESC, o.item_id
    LIMIT ${params.limit}`;
}
