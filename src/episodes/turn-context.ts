import { normalize } from '../ai/embedder.js';

/** Turns further apart than this belong to different conversations (episodes written without a session). */
export const CONVERSATION_GAP_MS = 30 * 60_000;
/** How much of each neighbouring turn's vector a turn's vector takes in. */
export const NEIGHBOUR_WEIGHT = 0.5;

export interface Turn {
  isTurn: boolean;
  occurredAt: string;
  vector: Float32Array;
}

/**
 * A short chat turn ("Yes, last week!") says little on its own. Each vector of a chain becomes
 * `v + 0.5·(previous + next)` over the neighbours it is linked to (`linkedToNext[i]`: whether
 * vectors i and i+1 are adjacent turns of one conversation), renormalised; an unlinked one stays as it is.
 */
export function mixNeighbours(vectors: readonly Float32Array[], linkedToNext: readonly boolean[]): Float32Array[] {
  return vectors.map((vector, i) => {
    const neighbours = [i > 0 && linkedToNext[i - 1] ? vectors[i - 1] : undefined, linkedToNext[i] ? vectors[i + 1] : undefined].filter(
      (n): n is Float32Array => n !== undefined,
    );
    if (neighbours.length === 0) return vector;
    const mixed = Float32Array.from(vector);
    for (const n of neighbours) for (let d = 0; d < mixed.length; d++) mixed[d]! += NEIGHBOUR_WEIGHT * n[d]!;
    return normalize(mixed);
  });
}

/**
 * Episodes written together (addEpisodes): conversation turns are neighbours when adjacent in the
 * input and less than 30 minutes apart. Other episodes keep their own vector.
 */
export function withTurnContext(turns: Turn[]): Float32Array[] {
  const linked = turns.map((turn, i) => {
    const next = turns[i + 1];
    return turn.isTurn && next !== undefined && next.isTurn && Math.abs(Date.parse(next.occurredAt) - Date.parse(turn.occurredAt)) <= CONVERSATION_GAP_MS;
  });
  return mixNeighbours(
    turns.map((t) => t.vector),
    linked,
  );
}
