import type { RetrievedMemory } from '../model/retrieval.js';
import { retrieveMemoriesSchema, type RetrieveMemoriesInput } from '../model/schemas/retrieval.js';
import { TIERS, tiersMatching } from '../model/tiers.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import { candidateKey, fuse } from './fusion.js';
import type { SearchFilter } from '../store/port.js';
import { hydrate, type HydratedItem } from './hydrate.js';
import { queryEntities, withoutNames } from './query-entities.js';
import { score, type QuerySignals } from './scoring.js';
import { asksWhen } from './temporal.js';
import { DEFAULT_TUNING, type RetrievalTuning } from './tuning.js';

/**
 * Hybrid retrieval over every tier: full-text rank and vector similarity, fused, then adjusted for
 * the names the query mentions, conversation context, time, recency and importance.
 */
export class Retrieval {
  constructor(private readonly deps: EngineDeps) {}

  async retrieve(input: RetrieveMemoriesInput, tuning: RetrievalTuning = DEFAULT_TUNING): Promise<RetrievedMemory[]> {
    const query = parseInput(retrieveMemoriesSchema, input, 'retrieveMemories input');
    const scope = scopeOf(this.deps, query.externalId);
    const tiers = tiersMatching(query.tiers ?? TIERS, query);
    if (tiers.length === 0) return [];
    const { store, embedder } = this.deps;
    const names = queryEntities(query.query);
    const now = this.deps.now().toISOString();
    const filter: SearchFilter = {
      now,
      ...(query.asOf && { asOf: query.asOf }),
      ...(query.types && { types: query.types }),
      ...(query.tags && { tags: query.tags }),
      ...(query.metadata && { metadata: query.metadata }),
      ...(query.sessionId !== undefined && { sessionId: query.sessionId }),
    };
    const textHits = tuning.weights.text > 0 ? await store.searchIndex.textSearch(scope, { text: query.query, tiers, limit: tuning.candidates, filter }) : [];
    const items = new Map((await hydrate(store, scope, textHits, filter)).map((item) => [candidateKey(item.tier, item.hitId), item]));
    const [embedding] = tuning.weights.vector > 0 ? await embedder.embed([vectorQuery(query.query, names, items.values())]) : [];
    const vectorHits = embedding ? await store.searchIndex.vectorSearch(scope, { embedding, tiers, limit: tuning.candidates, filter }) : [];
    const fused = fuse(vectorHits, textHits, tuning.weights);
    const unloaded = fused.filter((f) => !items.has(candidateKey(f.tier, f.itemId)));
    for (const item of await hydrate(store, scope, unloaded, filter)) items.set(candidateKey(item.tier, item.hitId), item);
    const candidates = fused.flatMap((f) => {
      const item = items.get(candidateKey(f.tier, f.itemId));
      return item ? [{ item, fused: f }] : [];
    });
    const signals: QuerySignals = { names, asksWhen: asksWhen(query.query) };
    const top = score(candidates, signals, tuning, query.asOf ?? now)
      .filter((s) => query.minScore === undefined || s.score >= query.minScore)
      .sort((a, b) => b.score - a.score)
      .slice(0, query.limit);
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

/**
 * What the vector search looks for: the query without the names of people who speak in the text
 * hits' conversations. The speaker boost already favours their turns, and a name in the query
 * vector only pulls in turns that greet them.
 */
function vectorQuery(query: string, names: string[], textHitItems: Iterable<HydratedItem>): string {
  const speakers = new Set<string | undefined>();
  for (const item of textHitItems) speakers.add(item.speaker);
  return withoutNames(query, names.filter((n) => speakers.has(n.toLowerCase())));
}
