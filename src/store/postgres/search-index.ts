import type { Scope } from '../../model/scope.js';
import type { Tier } from '../../model/tiers.js';
import type { IndexedItem, SearchHit, SearchIndex } from '../port.js';
import { queryTerms } from '../search-keys.js';
import type { SqlExecutor } from '../sql/executor.js';
import { placeholders } from '../sql/values.js';
import { VectorDimension } from '../sql/vector-dimension.js';

/**
 * Text in a generated tsvector (GIN); vectors as REAL[]. With pgvector, an HNSW index over
 * `embedding::vector(D)` serves the nearest-neighbour query; without it, an exact scan does.
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly vectorDimension: VectorDimension;

  constructor(
    private readonly db: SqlExecutor,
    private readonly pgvector: boolean,
  ) {
    this.vectorDimension = new VectorDimension(db);
  }

  dimension(): Promise<number | undefined> {
    return this.vectorDimension.get();
  }

  async ensureDimension(dimension: number): Promise<void> {
    if (!(await this.vectorDimension.isUnset(dimension))) return;
    if (this.pgvector) {
      await this.db.exec(`CREATE INDEX IF NOT EXISTS search_items_hnsw ON search_items USING hnsw ((embedding::vector(${dimension})) vector_cosine_ops)`);
    }
    await this.vectorDimension.record(dimension);
  }

  async upsert(items: IndexedItem[]): Promise<void> {
    for (const item of items) {
      if (item.embedding) await this.ensureDimension(item.embedding.length);
      await this.db.run(
        `INSERT INTO search_items (tenant_id, external_id, tier, item_id, text, embedding) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tier, item_id) DO UPDATE SET text = excluded.text, embedding = COALESCE(excluded.embedding, search_items.embedding)`,
        [item.scope.tenantId, item.scope.externalId, item.tier, item.itemId, item.text, item.embedding],
      );
    }
  }

  async remove(scope: Scope, tier: Tier, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.run(`DELETE FROM search_items WHERE tenant_id = ? AND external_id = ? AND tier = ? AND item_id IN ${placeholders(itemIds.length)}`, [
      scope.tenantId,
      scope.externalId,
      tier,
      ...itemIds,
    ]);
  }

  async getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.db.all<{ item_id: string; embedding: number[] }>(
      `SELECT item_id, embedding FROM search_items WHERE tenant_id = ? AND external_id = ? AND tier = ? AND embedding IS NOT NULL AND item_id IN ${placeholders(itemIds.length)}`,
      [scope.tenantId, scope.externalId, tier, ...itemIds],
    );
    return new Map(rows.map((r) => [r.item_id, Float32Array.from(r.embedding)]));
  }

  async removeScope(scope: Scope): Promise<void> {
    await this.db.run('DELETE FROM search_items WHERE tenant_id = ? AND external_id = ?', [scope.tenantId, scope.externalId]);
  }

  async vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]> {
    const dimension = await this.dimension();
    if (dimension === undefined || query.tiers.length === 0) return [];
    const filter = `tenant_id = ? AND external_id = ? AND tier IN ${placeholders(query.tiers.length)} AND embedding IS NOT NULL`;
    const params = [scope.tenantId, scope.externalId, ...query.tiers];
    const rows = this.pgvector
      ? await this.db.all<{ tier: Tier; item_id: string; score: number }>(
          `SELECT tier, item_id, 1 - (embedding::vector(${dimension}) <=> ?::real[]::vector(${dimension})) AS score FROM search_items
           WHERE ${filter} ORDER BY embedding::vector(${dimension}) <=> ?::real[]::vector(${dimension}) LIMIT ?`,
          [query.embedding, ...params, query.embedding, query.limit],
        )
      : await this.db.all<{ tier: Tier; item_id: string; score: number }>(
          `SELECT tier, item_id, agent_mem_dot(embedding, ?::real[]) AS score FROM search_items WHERE ${filter} ORDER BY score DESC LIMIT ?`,
          [query.embedding, ...params, query.limit],
        );
    return rows.map((r) => ({ tier: r.tier, itemId: r.item_id, score: Number(r.score) }));
  }

  async textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]> {
    const terms = queryTerms(query.text);
    if (terms.length === 0 || query.tiers.length === 0) return [];
    const rows = await this.db.all<{ tier: Tier; item_id: string; rank: number }>(
      `SELECT tier, item_id, ts_rank(tsv, q, 1) AS rank FROM search_items, to_tsquery('english', ?) AS q
       WHERE tenant_id = ? AND external_id = ? AND tier IN ${placeholders(query.tiers.length)} AND tsv @@ q
       ORDER BY rank DESC LIMIT ?`,
      [terms.join(' | '), scope.tenantId, scope.externalId, ...query.tiers, query.limit],
    );
    return rows.map((r) => ({ tier: r.tier, itemId: r.item_id, score: Number(r.rank) }));
  }

  async listItems(page: { afterKey?: string; limit: number }) {
    const rows = await this.db.all<{ id: string; tenant_id: string; external_id: string; tier: Tier; item_id: string; text: string }>(
      'SELECT id, tenant_id, external_id, tier, item_id, text FROM search_items WHERE id > ? ORDER BY id LIMIT ?',
      [page.afterKey ?? '0', page.limit],
    );
    return {
      items: rows.map((r) => ({
        key: String(r.id),
        scope: { tenantId: r.tenant_id, externalId: r.external_id },
        tier: r.tier,
        itemId: r.item_id,
        text: r.text,
      })),
    };
  }

  async resetVectors(): Promise<void> {
    await this.db.exec('DROP INDEX IF EXISTS search_items_hnsw; UPDATE search_items SET embedding = NULL');
    await this.vectorDimension.clear();
  }

  async setVectors(vectors: Array<{ tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void> {
    for (const v of vectors) {
      await this.ensureDimension(v.embedding.length);
      await this.db.run('UPDATE search_items SET embedding = ? WHERE tier = ? AND item_id = ?', [v.embedding, v.tier, v.itemId]);
    }
  }
}
