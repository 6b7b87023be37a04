import type { Tier } from '../model/tiers.js';
import type { SearchHit } from '../store/port.js';

export interface FusionWeights {
  text: number;
  vector: number;
}

export interface FusedCandidate {
  tier: Tier;
  itemId: string;
  vector?: number;
  text?: number;
  fused: number;
}

export function candidateKey(tier: Tier, itemId: string): string {
  return `${tier}\u0000${itemId}`;
}

/**
 * Scales each retriever's scores to 0..1 over this query's hits (min-max), then adds them with the
 * given weights; a retriever that missed an item adds 0. Unlike reciprocal-rank fusion this keeps
 * how far apart the scores are, which a confident text match (a rare name) needs.
 */
export function fuse(vectorHits: SearchHit[], textHits: SearchHit[], weights: FusionWeights): FusedCandidate[] {
  const byKey = new Map<string, FusedCandidate>();
  const add = (hits: SearchHit[], field: 'vector' | 'text', weight: number) => {
    const normalised = minMax(hits.map((h) => h.score));
    hits.forEach((hit, i) => {
      const key = candidateKey(hit.tier, hit.itemId);
      const candidate = byKey.get(key) ?? { tier: hit.tier, itemId: hit.itemId, fused: 0 };
      candidate[field] = hit.score;
      candidate.fused += weight * normalised[i]!;
      byKey.set(key, candidate);
    });
  };
  if (weights.vector > 0) add(vectorHits, 'vector', weights.vector);
  if (weights.text > 0) add(textHits, 'text', weights.text);
  return [...byKey.values()].sort((a, b) => b.fused - a.fused);
}

function minMax(scores: number[]): number[] {
  if (scores.length === 0) return [];
  const min = Math.min(...scores);
  const range = Math.max(...scores) - min;
  return scores.map((s) => (range > 0 ? (s - min) / range : 1));
}
