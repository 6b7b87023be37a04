import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../model/scope.js';
import type { Tier } from '../../model/tiers.js';
import type { IndexedItem, SearchFilter, SearchHit, SearchIndex } from '../port.js';
import { scopeIdOf } from '../scope-id.js';
import { queryTerms } from '../search-keys.js';
import type { SqlDialect } from '../sql/dialect.js';
import { needsCondition, searchConditions, tierCondition } from '../sql/search-filter.js';
import type { Database } from '../sql/tables.js';
import { VectorDimension } from '../sql/vector-dimension.js';
import { SqlMetaRepository } from '../sql/meta.js';
import { scopeBm25 } from './scope-bm25.js';
import { scopedTerms } from './scoped-terms.js';

/**
 * sqlite-vec finds a partition's chunks, on every search and every insert, with `WHERE partition00
 * = ?` on its chunk table, which it leaves unindexed: each lookup then read every agent's chunks,
 * so an agent's search slowed as the store grew (0.42 ms per tier searched at 200,000 episodes).
 */
export const VECTOR_PARTITION_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS search_embeddings_chunks_partition ON search_embeddings_chunks (partition00)';

/**
 * The sqlite-vec table of a store's vectors, partitioned by scope and tier, and the index that
 * finds a partition. Embedders give unit vectors, for which Euclidean distance ranks exactly as
 * cosine does (‖a − b‖² = 2 − 2·cos). Every partition takes at least one chunk of `chunk_size`
 * vectors on disk: 64 keeps a store of a thousand small agents near its data's size (sqlite-vec's
 * default of 1,024 made it ten times larger) and scans a 10,000-vector partition as fast.
 */
export function vectorTableStatements(dimension: number): string[] {
  return [
    `CREATE VIRTUAL TABLE IF NOT EXISTS search_embeddings USING vec0(partition_key TEXT PARTITION KEY, embedding float[${dimension}] distance_metric=L2, chunk_size=64)`,
    VECTOR_PARTITION_INDEX_SQL,
  ];
}

export function partitionOf(scopeId: string, tier: string): string {
  return `${scopeId}/${tier}`;
}

const cosineOfDistance = (distance: number) => 1 - (distance * distance) / 2;

/**
 * Entries in `search_entries` (their rowid shared by the full-text and vector tables); words in a
 * contentless FTS5 table, each prefixed with its scope's token so a query reads only its scope's
 * postings; vectors in sqlite-vec. Filters run inside both candidate queries.
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly vectorDimension: VectorDimension;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {
    this.vectorDimension = new VectorDimension(new SqlMetaRepository({ db, dialect }));
  }

  dimension(): Promise<number | undefined> {
    return this.vectorDimension.get();
  }

  async ensureDimension(dimension: number): Promise<void> {
    if (!(await this.vectorDimension.isUnset(dimension))) return;
    for (const statement of vectorTableStatements(dimension)) await sql.raw(statement).execute(this.db);
    await this.vectorDimension.record(dimension);
  }

  async upsert(items: IndexedItem[]): Promise<void> {
    const latest = new Map(items.map((item) => [`${scopeIdOf(item.scope)}/${item.tier}/${item.itemId}`, item]));
    for (const item of latest.values()) {
      const scopeId = scopeIdOf(item.scope);
      const { id } = await this.db
        .insertInto('search_entries')
        .values({ scope_id: scopeId, tier: item.tier, item_id: item.itemId, text: item.text })
        .onConflict((oc) => oc.columns(['scope_id', 'tier', 'item_id']).doUpdateSet({ text: item.text }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`DELETE FROM search_terms WHERE rowid = ${id}`.execute(this.db);
      await sql`INSERT INTO search_terms (rowid, terms) VALUES (${id}, ${scopedTerms(scopeId, item.text)})`.execute(this.db);
      if (item.embedding) await this.writeVector(id, partitionOf(scopeId, item.tier), item.embedding);
    }
  }

  async remove(scope: Scope, tier: Tier, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    const rows = await this.db.selectFrom('search_entries').select('id').where('scope_id', '=', scopeIdOf(scope)).where('tier', '=', tier).where('item_id', 'in', itemIds).execute();
    await this.removeRows(rows.map((r) => r.id));
  }

  async removeScope(scope: Scope): Promise<void> {
    const rows = await this.db.selectFrom('search_entries').select('id').where('scope_id', '=', scopeIdOf(scope)).execute();
    await this.removeRows(rows.map((r) => r.id));
  }

  async vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]> {
    if ((await this.dimension()) === undefined) return [];
    const scopeId = scopeIdOf(scope);
    const hits: SearchHit[] = [];
    for (const tier of query.tiers) {
      const filtered = this.db
        .selectFrom('search_entries as i')
        .select('i.id')
        .where('i.scope_id', '=', scopeId)
        .where('i.tier', '=', tier)
        .where((eb) => tierCondition(eb, this.dialect, tier, query.filter) ?? eb.lit(true));
      const needsFilter = needsCondition(tier, query.filter);
      const rows = await sql<{ item_id: string; distance: number }>`
        SELECT i.item_id, v.distance FROM (
          SELECT rowid, distance FROM search_embeddings
          WHERE embedding MATCH ${query.embedding} AND k = ${query.limit} AND partition_key = ${partitionOf(scopeId, tier)}
          ${needsFilter ? sql`AND rowid IN (${filtered})` : sql``}
        ) v JOIN search_entries i ON i.id = v.rowid`.execute(this.db);
      hits.push(...rows.rows.map((r) => ({ tier, itemId: r.item_id, score: cosineOfDistance(r.distance) })));
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, query.limit);
  }

  async textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]> {
    const terms = queryTerms(query.text);
    if (terms.length === 0 || query.tiers.length === 0) return [];
    const scopeId = scopeIdOf(scope);
    const scores = await scopeBm25(this.db, scopeId, terms);
    if (scores.size === 0) return [];
    // Every matching entry is scored first; the filters keep what they keep, then the best are cut.
    const kept = await this.db
      .selectFrom('search_entries as i')
      .select(['i.id', 'i.tier', 'i.item_id'])
      .where(sql<boolean>`i.id IN (SELECT value FROM json_each(${JSON.stringify([...scores.keys()])}))`)
      .where((eb) => searchConditions(eb, this.dialect, scopeId, query.tiers, query.filter))
      .execute();
    return kept
      .map((r) => ({ tier: r.tier as Tier, itemId: r.item_id, score: scores.get(r.id)! }))
      .sort((a, b) => b.score - a.score)
      .slice(0, query.limit);
  }

  async listItems(page: { afterKey?: string; limit: number }) {
    const rows = await this.db
      .selectFrom('search_entries as i')
      .innerJoin('scopes as s', 's.scope_id', 'i.scope_id')
      .select(['i.id', 's.tenant_id', 's.external_id', 'i.tier', 'i.item_id', 'i.text'])
      .where('i.id', '>', Number(page.afterKey ?? 0))
      .orderBy('i.id')
      .limit(page.limit)
      .execute();
    return {
      items: rows.map((r) => ({
        key: String(r.id),
        scope: { tenantId: r.tenant_id, externalId: r.external_id },
        tier: r.tier as Tier,
        itemId: r.item_id,
        text: r.text,
      })),
    };
  }

  async resetVectors(): Promise<void> {
    await sql`DROP TABLE IF EXISTS search_embeddings`.execute(this.db);
    await this.vectorDimension.clear();
  }

  async setVectors(vectors: Array<{ scope: Scope; tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void> {
    for (const v of vectors) {
      const scopeId = scopeIdOf(v.scope);
      const row = await this.db.selectFrom('search_entries').select('id').where('scope_id', '=', scopeId).where('tier', '=', v.tier).where('item_id', '=', v.itemId).executeTakeFirst();
      if (row) await this.writeVector(row.id, partitionOf(scopeId, v.tier), v.embedding);
    }
  }

  async getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    if (itemIds.length === 0 || (await this.dimension()) === undefined) return vectors;
    const rows = await this.db.selectFrom('search_entries').select(['id', 'item_id']).where('scope_id', '=', scopeIdOf(scope)).where('tier', '=', tier).where('item_id', 'in', itemIds).execute();
    // vec0 answers point lookups by rowid; a join would scan the whole partition.
    for (const row of rows) {
      const found = await sql<{ embedding: Uint8Array }>`SELECT embedding FROM search_embeddings WHERE rowid = ${BigInt(row.id)}`.execute(this.db);
      const bytes = found.rows[0]?.embedding;
      if (bytes) vectors.set(row.item_id, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
    return vectors;
  }

  private async writeVector(rowid: number, partitionKey: string, embedding: Float32Array): Promise<void> {
    await this.ensureDimension(embedding.length);
    // sqlite-vec takes rowids bound as integers only.
    await sql`DELETE FROM search_embeddings WHERE rowid = ${BigInt(rowid)}`.execute(this.db);
    await sql`INSERT INTO search_embeddings (rowid, partition_key, embedding) VALUES (${BigInt(rowid)}, ${partitionKey}, ${embedding})`.execute(this.db);
  }

  private async removeRows(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const hasVectors = (await this.dimension()) !== undefined;
    for (const id of ids) {
      await sql`DELETE FROM search_terms WHERE rowid = ${id}`.execute(this.db);
      if (hasVectors) await sql`DELETE FROM search_embeddings WHERE rowid = ${BigInt(id)}`.execute(this.db);
    }
    await this.db.deleteFrom('search_entries').where('id', 'in', ids).execute();
  }
}
