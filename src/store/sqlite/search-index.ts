import type { Scope } from '../../model/scope.js';
import type { Tier } from '../../model/tiers.js';
import type { IndexedItem, SearchHit, SearchIndex } from '../port.js';
import { queryTerms, scopeKey } from '../search-keys.js';
import type { SqlExecutor } from '../sql/executor.js';
import { placeholders } from '../sql/values.js';
import { VectorDimension } from '../sql/vector-dimension.js';

/**
 * The sqlite-vec table of a store's vectors. Embedders give unit vectors, for which Euclidean
 * distance ranks exactly as cosine does (‖a − b‖² = 2 − 2·cos) and scans about a third faster.
 */
export function vectorTableSql(dimension: number): string {
  return `CREATE VIRTUAL TABLE IF NOT EXISTS search_vectors USING vec0(partition_key TEXT PARTITION KEY, embedding float[${dimension}] distance_metric=L2)`;
}

/** Vectors live in a sqlite-vec table partitioned by scope and tier; text in an FTS5 table. */
function partition(scope: Scope, tier: Tier): string {
  return `${scopeKey(scope)}_${tier}`;
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export class SqliteSearchIndex implements SearchIndex {
  private readonly vectorDimension: VectorDimension;

  constructor(private readonly db: SqlExecutor) {
    this.vectorDimension = new VectorDimension(db);
  }

  dimension(): Promise<number | undefined> {
    return this.vectorDimension.get();
  }

  async ensureDimension(dimension: number): Promise<void> {
    if (!(await this.vectorDimension.isUnset(dimension))) return;
    await this.db.exec(vectorTableSql(dimension));
    await this.vectorDimension.record(dimension);
  }

  async upsert(items: IndexedItem[]): Promise<void> {
    for (const item of items) {
      const row = await this.db.get<{ id: number }>(
        `INSERT INTO search_items (tenant_id, external_id, tier, item_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (tier, item_id) DO UPDATE SET tenant_id = excluded.tenant_id RETURNING id`,
        [item.scope.tenantId, item.scope.externalId, item.tier, item.itemId],
      );
      const rowid = BigInt(row!.id);
      await this.db.run('DELETE FROM search_fts WHERE rowid = ?', [rowid]);
      await this.db.run('INSERT INTO search_fts (rowid, text, scope_key, tier) VALUES (?, ?, ?, ?)', [rowid, item.text, scopeKey(item.scope), item.tier]);
      if (item.embedding) await this.writeVector(rowid, partition(item.scope, item.tier), item.embedding);
    }
  }

  async remove(scope: Scope, tier: Tier, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    const rows = await this.db.all<{ id: number }>(
      `SELECT id FROM search_items WHERE tenant_id = ? AND external_id = ? AND tier = ? AND item_id IN ${placeholders(itemIds.length)}`,
      [scope.tenantId, scope.externalId, tier, ...itemIds],
    );
    await this.removeRows(rows.map((r) => r.id));
  }

  async removeScope(scope: Scope): Promise<void> {
    const rows = await this.db.all<{ id: number }>('SELECT id FROM search_items WHERE tenant_id = ? AND external_id = ?', [scope.tenantId, scope.externalId]);
    await this.removeRows(rows.map((r) => r.id));
  }

  async vectorSearch(scope: Scope, query: { embedding: Float32Array; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]> {
    if ((await this.dimension()) === undefined) return [];
    const hits: SearchHit[] = [];
    for (const tier of query.tiers) {
      const rows = await this.db.all<{ item_id: string; distance: number }>(
        `SELECT i.item_id, v.distance FROM (
           SELECT rowid, distance FROM search_vectors WHERE embedding MATCH ? AND k = ? AND partition_key = ?
         ) v JOIN search_items i ON i.id = v.rowid`,
        [query.embedding, query.limit, partition(scope, tier)],
      );
      hits.push(...rows.map((r) => ({ tier, itemId: r.item_id, score: 1 - (r.distance * r.distance) / 2 })));
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, query.limit);
  }

  async textSearch(scope: Scope, query: { text: string; tiers: readonly Tier[]; limit: number }): Promise<SearchHit[]> {
    const terms = queryTerms(query.text);
    if (terms.length === 0 || query.tiers.length === 0) return [];
    const match = `scope_key : ${quote(scopeKey(scope))} AND tier : (${query.tiers.map(quote).join(' OR ')}) AND text : (${terms.map(quote).join(' OR ')})`;
    const rows = await this.db.all<{ tier: Tier; item_id: string; rank: number }>(
      `SELECT i.tier, i.item_id, f.rank AS rank FROM (
         SELECT rowid, bm25(search_fts, 1.0, 0.0, 0.0) AS rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?
       ) f JOIN search_items i ON i.id = f.rowid ORDER BY f.rank`,
      [match, query.limit],
    );
    return rows.map((r) => ({ tier: r.tier, itemId: r.item_id, score: -r.rank }));
  }

  async listItems(page: { afterKey?: string; limit: number }) {
    const rows = await this.db.all<{ id: number; tenant_id: string; external_id: string; tier: Tier; item_id: string; text: string }>(
      `SELECT i.id, i.tenant_id, i.external_id, i.tier, i.item_id, f.text FROM search_items i JOIN search_fts f ON f.rowid = i.id
       WHERE i.id > ? ORDER BY i.id LIMIT ?`,
      [Number(page.afterKey ?? 0), page.limit],
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
    await this.db.exec('DROP TABLE IF EXISTS search_vectors');
    await this.vectorDimension.clear();
  }

  async setVectors(vectors: Array<{ tier: Tier; itemId: string; embedding: Float32Array }>): Promise<void> {
    for (const v of vectors) {
      const row = await this.db.get<{ id: number; tenant_id: string; external_id: string }>(
        'SELECT id, tenant_id, external_id FROM search_items WHERE tier = ? AND item_id = ?',
        [v.tier, v.itemId],
      );
      if (!row) continue;
      await this.writeVector(BigInt(row.id), partition({ tenantId: row.tenant_id, externalId: row.external_id }, v.tier), v.embedding);
    }
  }

  async getVectors(scope: Scope, tier: Tier, itemIds: string[]): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    if (itemIds.length === 0 || (await this.dimension()) === undefined) return vectors;
    const rows = await this.db.all<{ id: number; item_id: string }>(
      `SELECT id, item_id FROM search_items WHERE tenant_id = ? AND external_id = ? AND tier = ? AND item_id IN ${placeholders(itemIds.length)}`,
      [scope.tenantId, scope.externalId, tier, ...itemIds],
    );
    // vec0 answers point lookups by rowid; a join would scan the whole partition.
    for (const row of rows) {
      const found = await this.db.get<{ embedding: Uint8Array }>('SELECT embedding FROM search_vectors WHERE rowid = ?', [BigInt(row.id)]);
      if (found) vectors.set(row.item_id, new Float32Array(found.embedding.buffer.slice(found.embedding.byteOffset, found.embedding.byteOffset + found.embedding.byteLength)));
    }
    return vectors;
  }

  private async writeVector(rowid: bigint, partitionKey: string, embedding: Float32Array): Promise<void> {
    await this.ensureDimension(embedding.length);
    await this.db.run('DELETE FROM search_vectors WHERE rowid = ?', [rowid]);
    await this.db.run('INSERT INTO search_vectors (rowid, partition_key, embedding) VALUES (?, ?, ?)', [rowid, partitionKey, embedding]);
  }

  private async removeRows(ids: number[]): Promise<void> {
    const hasVectors = (await this.dimension()) !== undefined;
    for (const id of ids) {
      const rowid = BigInt(id);
      await this.db.run('DELETE FROM search_fts WHERE rowid = ?', [rowid]);
      if (hasVectors) await this.db.run('DELETE FROM search_vectors WHERE rowid = ?', [rowid]);
      await this.db.run('DELETE FROM search_items WHERE id = ?', [rowid]);
    }
  }
}
