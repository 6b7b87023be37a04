import type { RetrievedMemory } from '../model/retrieval.js';
import { retrieveMemoriesSchema, type RetrieveMemoriesInput } from '../model/schemas/retrieval.js';
import { TIERS } from '../model/tiers.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type MemoryContext } from '../runtime/context.js';
import { candidateKey, fuse } from './fusion.js';
import { hydrate, tiersFor } from './hydrate.js';
import { queryEntities } from './query-entities.js';
import { score } from './scoring.js';
import { DEFAULT_TUNING, type RetrievalTuning } from './tuning.js';

/**
 * Hybrid retrieval over every tier: vector similarity and full-text rank, fused, then adjusted for
 * the names the query mentions, conversation context, recency and importance.
 */
export class Retrieval {
  constructor(private readonly context: MemoryContext) {}

  async retrieve(input: RetrieveMemoriesInput, tuning: RetrievalTuning = DEFAULT_TUNING): Promise<RetrievedMemory[]> {
    const query = parseInput(retrieveMemoriesSchema, input, 'retrieveMemories input');
    const scope = scopeOf(this.context, query.externalId);
    const tiers = tiersFor(query.tiers ?? TIERS, query);
    if (tiers.length === 0) return [];
    const { store } = this.context;
    const [vectorHits, textHits] = await Promise.all([
      tuning.weights.vector > 0
        ? this.context.embedder.embed([query.query]).then(([embedding]) => store.searchIndex.vectorSearch(scope, { embedding: embedding!, tiers, limit: tuning.candidates }))
        : [],
      tuning.weights.text > 0 ? store.searchIndex.textSearch(scope, { text: query.query, tiers, limit: tuning.candidates }) : [],
    ]);
    const fused = fuse(vectorHits, textHits, tuning.weights);
    const now = this.context.now().toISOString();
    const items = await hydrate(store, scope, fused, { now, ...(query.asOf && { asOf: query.asOf }), ...(query.types && { types: query.types }), ...(query.tags && { tags: query.tags }) });
    const byKey = new Map(fused.map((f) => [candidateKey(f.tier, f.itemId), f]));
    const scored = score(
      items.map((item) => ({ item, fused: byKey.get(candidateKey(item.tier, item.hitId))! })),
      queryEntities(query.query),
      tuning,
      query.asOf ?? now,
    );
    const top = scored.sort((a, b) => b.score - a.score).slice(0, query.limit);
    const episodeIds = top.filter((s) => s.item.tier === 'episode').map((s) => s.item.id);
    if (episodeIds.length) await store.episodes.recordAccess(scope, episodeIds, now);
    return top.map(({ item, score, scores }) => ({
      tier: item.tier,
      id: item.id,
      content: item.content,
      score,
      scores,
      provenance: item.provenance,
      metadata: item.metadata,
      ...(item.type !== undefined && { type: item.type }),
      ...(item.tags !== undefined && { tags: item.tags }),
    }));
  }
}
