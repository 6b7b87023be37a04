import type { RetrievalScores } from '../model/retrieval.js';
import type { FusedCandidate } from './fusion.js';
import type { HydratedItem } from './hydrate.js';
import { entityOverlap } from './query-entities.js';
import type { RetrievalTuning } from './tuning.js';

const DAY_MS = 86_400_000;

export interface ScoredItem {
  item: HydratedItem;
  score: number;
  scores: RetrievalScores;
}

/**
 * Final score = fused + entity + context + recency + importance, where context lends each chat
 * turn a share of its best-scoring neighbour's (fused + entity) score: an answer often sits in
 * the turn after the one that matches the question.
 */
export function score(
  candidates: Array<{ item: HydratedItem; fused: FusedCandidate }>,
  entities: readonly string[],
  tuning: RetrievalTuning,
  at: string,
): ScoredItem[] {
  const now = Date.parse(at);
  const base = candidates.map(({ item, fused }) => {
    const entity = tuning.entityBoost * entityOverlap(item.content, entities);
    return { item, fused, entity, local: fused.fused + entity, time: Date.parse(item.at) };
  });
  const turns = base.filter((b) => b.item.isTurn).sort((a, b) => a.time - b.time);
  const windowMs = tuning.contextWindowMinutes * 60_000;
  return base.map((b) => {
    const context = b.item.isTurn ? tuning.contextWeight * bestNeighbour(turns, b, windowMs) : 0;
    const ageDays = Math.max(0, now - b.time) / DAY_MS;
    const recency = tuning.recencyBoost * 0.5 ** (ageDays / tuning.recencyHalfLifeDays);
    const importance = tuning.importanceBoost * ((b.item.importance ?? 0.5) - 0.5);
    const scores: RetrievalScores = {
      ...(b.fused.vector !== undefined && { vector: b.fused.vector }),
      ...(b.fused.text !== undefined && { text: b.fused.text }),
      fused: b.fused.fused,
      entity: b.entity,
      context,
      recency,
      importance,
    };
    return { item: b.item, score: b.local + context + recency + importance, scores };
  });
}

function bestNeighbour<T extends { item: HydratedItem; local: number; time: number }>(sortedTurns: T[], turn: T, windowMs: number): number {
  let best = 0;
  for (const other of sortedTurns) {
    if (other.time < turn.time - windowMs) continue;
    if (other.time > turn.time + windowMs) break;
    if (other !== turn && other.local > best) best = other.local;
  }
  return best;
}
