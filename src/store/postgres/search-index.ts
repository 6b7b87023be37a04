import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../model/scope.js';
import type { Tier } from '../../model/tiers.js';
import type { IndexedItem, SearchFilter, SearchHit, SearchIndex } from '../port.js';
import { scopeIdOf } from '../scope-id.js';
import { queryTerms } from '../search-keys.js';
import type { SqlDialect } from '../sql/dialect.js';
import { SqlMetaRepository } from '../sql/meta.js';
import { searchConditions } from '../sql/search-filter.js';
import type { Database } from '../sql/tables.js';
import { VectorDimension } from '../sql/vector-dimension.js';
import type { HnswIndex } from './hnsw-index.js';
import { scopeBm25Sql } from './scope-bm25.js';
import { hnswIndexSql, vectorOf, vectorParam } from './vectors.js';

export interface PostgresVectors {
  /** pgvector's `vector`, or `real[]` where pgvector is missing. */
  column: 'vector' | 'real[]';
  /** The HNSW index that serves the nearest-neighbour queries of large scopes (with pgvector). */
  hnsw: HnswIndex | undefined;
  /** Scopes with at most this many vectors in the searched tiers are scanned exactly. */
  exactScanMax: number;
}

type Hit = { tier: string; item_id: string; score: number | string };
const hitOf = (r: Hit): SearchHit => ({ tier: r.tier as Tier, itemId: r.item_id, score: Number(r.score) });

/**
 * Text in a generated tsvector (GIN); vectors in the row. A scope small enough is searched by an
 * exact scan of its own rows; a larger one through HNSW (built when first needed, see HnswIndex)
 * with pgvector's iterative scan, so the scope and the filters never leave it short of k.
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly vectorDimension: VectorDimension;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly vectors: PostgresVectors,
  ) {
    this.vectorDimension = new VectorDimension(new SqlMetaRepository({ db, dialect }));
  }

  dimension(): Promise<number | undefined> {
    return this.vectorDimension.get();
  }

  async ensureDimension(dimension: number): Promise<void> {
    if (!(await this.vectorDimension.isUnset(dimension))) return;
    if (this.vectors.hnsw?.eager) await sql.raw(hnswIndexSql(dimension)).execute(this.db);
    await this.vectorDimension.record(dimension);
  }

  async upsert(items: IndexedItem[]): Promise<void> {
    const latest = [...new Map(items.map((item) => [`${scopeIdOf(item.scope)}/${item.tier}/${item.itemId}`, item])).values()];
    const first = latest.find((item) => item.embedding);
    if (first) await this.ensureDimension(first.embedding!.length);
    for (let start = 0; start < latest.length; start += 1000) {
      await this.db
        .insertInto('search_entries')
        .values(
          latest.slice(start, start + 1000).map((item) => ({
            scope_id: scopeIdOf(item.scope),
            tier: item.tier,
            item_id: item.itemId,
            text: item.text,
            embedding: item.embedding ? vectorParam(item.embedding, this.vectors.column) : null,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['scope_id', 'tier', 'item_id']).doUpdateSet({
            text: (eb) => eb.ref('excluded.text'),
            embedding: sql`COALESCE(excluded.embedding, search_entries.embedding)`,
          }),
        )
        .execute();
    }
  }

  async remove(scope: Scope, tier: Tier, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.deleteFrom('search_entries').where('scope_id', '=', scopeIdOf(scope)).where('tier', '=', tier).where('item_id', 'in', itemIds).execute();
  }

  async removeScope(scope: Scope): Promise<void> {
    await this.db.deleteFrom('search_entries').where('scope_id', '=', scopeIdOf(scope)).execute();
  }

  async vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]> {
    const dimension = await this.dimension();
    if (dimension === undefined || query.tiers.length === 0) return [];
    const scopeId = scopeIdOf(scope);
    const vector = vectorParam(query.embedding, this.vectors.column);
    const candidates = this.db
      .selectFrom('search_entries as i')
      .where((eb) => searchConditions(eb, this.dialect, scopeId, query.tiers, query.filter))
      .where('i.embedding', 'is not', null);
    if (this.vectors.column === 'real[]') {
      const rows = await candidates
        .select(['i.tier', 'i.item_id', sql<number>`agent_mem_dot(i.embedding, ${vector}::real[])`.as('score')])
        .orderBy('score', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(hitOf);
    }
    const { hnsw } = this.vectors;
    const useHnsw = hnsw !== undefined && (await this.scopeSize(scopeId, query.tiers)) > this.vectors.exactScanMax && (await hnsw.usable(dimension));
    if (!useHnsw) {
      // Ordering by the bare column, not the indexed cast, keeps the planner on the scope's own rows.
      const distance = sql<number>`i.embedding <=> ${vector}::vector`;
      const rows = await candidates.select(['i.tier', 'i.item_id', sql<number>`1 - (${distance})`.as('score')]).orderBy(distance).limit(query.limit).execute();
      return rows.map(hitOf);
    }
    const distance = sql<number>`i.embedding::vector(${sql.lit(dimension)}) <=> ${vector}::vector(${sql.lit(dimension)})`;
    const nearest = candidates.select(['i.tier', 'i.item_id', sql<number>`1 - (${distance})`.as('score')]).orderBy(distance).limit(query.limit);
    const rows = await this.withIterativeScan((db) => db.selectFrom(nearest.as('n')).selectAll().orderBy('score', 'desc').execute());
    return rows.map(hitOf);
  }

  async textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number; filter: SearchFilter }): Promise<SearchHit[]> {
    const terms = queryTerms(query.text);
    if (terms.length === 0 || query.tiers.length === 0) return [];
    const scopeId = scopeIdOf(scope);
    const tsquery = sql`to_tsquery('english', ${terms.join(' | ')})`;
    const matching = this.db
      .selectFrom('search_entries as i')
      .select(['i.tier', 'i.item_id', sql`i.tsv`.as('tsv'), (eb) => sql<boolean>`${searchConditions(eb, this.dialect, scopeId, query.tiers, query.filter)}`.as('kept')])
      .where('i.scope_id', '=', scopeId)
      .where(sql<boolean>`i.tsv @@ ${tsquery}`);
    const scopeDocuments = this.db.selectFrom('search_entries').select(sql`count(*)`.as('n')).where('scope_id', '=', scopeId);
    const lexemes = sql`tsvector_to_array(to_tsvector('english', ${terms.join(' ')}))`;
    const { rows } = await scopeBm25Sql({ matching, scopeDocuments, lexemes, limit: query.limit }).execute(this.db);
    return rows.map(hitOf);
  }

  async listItems(page: { afterKey?: string; limit: number }) {
    let query = this.db
      .selectFrom('search_entries as i')
      .innerJoin('scopes as s', 's.scope_id', 'i.scope_id')
      .select(['i.scope_id', 's.tenant_id', 's.external_id', 'i.tier', 'i.item_id', 'i.text']);
    if (page.afterKey) {
      const [scopeId, tier, itemId] = JSON.parse(page.afterKey) as [string, string, string];
      query = query.where(sql<boolean>`(i.scope_id, i.tier, i.item_id) > (${scopeId}::uuid, ${tier}, ${itemId})`);
    }
    const rows = await query.orderBy('i.scope_id').orderBy('i.tier').orderBy('i.item_id').limit(page.limit).execute();
    return {
      items: rows.map((r) => ({
        key: JSON.stringify([r.scope_id, r.tier, r.item_id]),
        scope: { tenantId: r.tenant_id, externalId: r.external_id },
        tier: r.tier as Tier,
        itemId: r.item_id,
        text: r.text,
      })),
    };
  }

  async resetVectors(): Promise<void> {
    await sql`DROP INDEX IF EXISTS search_entries_hnsw`.execute(this.db);
    this.vectors.hnsw?.invalidate();
    await this.db.updateTable('search_entries').set({ embedding: null }).execute();
    await this.vectorDimension.clear();
  }

  async setVectors(vectors: Array<{ scope: Scope; tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void> {
    for (const v of vectors) {
      await this.ensureDimension(v.embedding.length);
      await this.db
        .updateTable('search_entries')
        .set({ embedding: vectorParam(v.embedding, this.vectors.column) })
        .where('scope_id', '=', scopeIdOf(v.scope))
        .where('tier', '=', v.tier)
        .where('item_id', '=', v.itemId)
        .execute();
    }
  }

  async getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('search_entries')
      .select(['item_id', 'embedding'])
      .where('scope_id', '=', scopeIdOf(scope))
      .where('tier', '=', tier)
      .where('item_id', 'in', itemIds)
      .where('embedding', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.item_id, vectorOf(r.embedding)]));
  }

  /** Vectors of the scope in the tiers, counted up to just past the exact-scan limit. */
  private async scopeSize(scopeId: string, tiers: readonly Tier[]): Promise<number> {
    const limited = this.db
      .selectFrom('search_entries')
      .select(sql.lit(1).as('one'))
      .where('scope_id', '=', scopeId)
      .where('tier', 'in', [...tiers])
      .where('embedding', 'is not', null)
      .limit(this.vectors.exactScanMax + 1);
    const row = await this.db.selectFrom(limited.as('t')).select(sql<number>`COUNT(*)`.as('count')).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Runs the query with HNSW iterative scans on, in the open transaction or a new one. */
  private withIterativeScan<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const run = async (db: Kysely<Database>) => {
      // Citus passes SET LOCAL on to the shards' connections only when told to.
      if (this.dialect.kind === 'citus') await sql`SET LOCAL citus.propagate_set_commands = 'local'`.execute(db);
      await sql`SET LOCAL hnsw.iterative_scan = relaxed_order`.execute(db);
      await sql`SET LOCAL hnsw.max_scan_tuples = 200000`.execute(db);
      return fn(db);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }
}
