import { normalize } from '../ai/embedder.js';

/** Turns further apart than this belong to different conversations. */
export const CONVERSATION_GAP_MS = 30 * 60_000;
/** How much of each neighbouring turn's vector a turn's vector takes in. */
export const NEIGHBOUR_WEIGHT = 0.5;

export interface Turn {
  isTurn: boolean;
  occurredAt: string;
  vector: Float32Array;
}

/**
 * A short chat turn ("Yes, last week!") says little on its own. Each conversation turn's vector
 * becomes `v + 0.5·(previous + next)` over the adjacent turns of the same conversation (input
 * order, less than 30 minutes apart), renormalised. Other episodes keep their own vector.
 */
export function withTurnContext(turns: Turn[]): Float32Array[] {
  const linked = (a: Turn | undefined, b: Turn) =>
    a !== undefined && a.isTurn && Math.abs(Date.parse(a.occurredAt) - Date.parse(b.occurredAt)) <= CONVERSATION_GAP_MS;
  return turns.map((turn, i) => {
    if (!turn.isTurn) return turn.vector;
    const neighbours = [turns[i - 1], turns[i + 1]].filter((n): n is Turn => linked(n, turn));
    if (neighbours.length === 0) return turn.vector;
    const mixed = Float32Array.from(turn.vector);
    for (const n of neighbours) for (let d = 0; d < mixed.length; d++) mixed[d]! += NEIGHBOUR_WEIGHT * n.vector[d]!;
    return normalize(mixed);
  });
}
