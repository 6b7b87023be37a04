import type { RetrievalScores } from '../model/retrieval.js';
import type { FusedCandidate } from './fusion.js';
import type { HydratedItem } from './hydrate.js';
import { entityOverlap } from './query-entities.js';
import { saysWhen } from './temporal.js';
import type { RetrievalTuning } from './tuning.js';

const DAY_MS = 86_400_000;
/** Characters from which an item counts as saying something in full (a chat reply like "Wow, great!" does not). */
const FULL_LENGTH = 200;

/** What the scoring needs to know of the query. */
export interface QuerySignals {
  /** The names it mentions (see queryEntities). */
  names: readonly string[];
  /** Whether it asks when something happened. */
  asksWhen: boolean;
}

export interface ScoredItem {
  item: HydratedItem;
  score: number;
  scores: RetrievalScores;
}

/**
 * Final score = fused + entity + time + length + context + recency + importance, where context
 * lends each chat turn a share of its best-scoring neighbour's (fused + entity + time + length)
 * score: an answer often sits in the turn after the one that matches the question.
 */
export function score(
  candidates: Array<{ item: HydratedItem; fused: FusedCandidate }>,
  query: QuerySignals,
  tuning: RetrievalTuning,
  at: string,
): ScoredItem[] {
  const now = Date.parse(at);
  const names = new Set(query.names.map((e) => e.toLowerCase()));
  const timeBoost = query.asksWhen ? tuning.temporalBoost : 0;
  const base = candidates.map(({ item, fused }) => {
    const entity = tuning.entityBoost * entityOverlap(item.content, query.names) + (item.speaker !== undefined && names.has(item.speaker) ? tuning.speakerBoost : 0);
    const time = timeBoost && saysWhen(item.content) ? timeBoost : 0;
    const length = tuning.lengthBoost * Math.min(1, item.content.length / FULL_LENGTH);
    return { item, fused, entity, time, length, local: fused.fused + entity + time + length, happenedAt: Date.parse(item.at) };
  });
  const turns = base.filter((b) => b.item.isTurn).sort((a, b) => a.happenedAt - b.happenedAt);
  const windowMs = tuning.contextWindowMinutes * 60_000;
  return base.map((b) => {
    const context = b.item.isTurn ? tuning.contextWeight * bestNeighbour(turns, b, windowMs) : 0;
    const ageDays = Math.max(0, now - b.happenedAt) / DAY_MS;
    const recency = tuning.recencyBoost * 0.5 ** (ageDays / tuning.recencyHalfLifeDays);
    const importance = tuning.importanceBoost * ((b.item.importance ?? 0.5) - 0.5);
    const scores: RetrievalScores = {
      ...(b.fused.vector !== undefined && { vector: b.fused.vector }),
      ...(b.fused.text !== undefined && { text: b.fused.text }),
      fused: b.fused.fused,
      entity: b.entity,
      time: b.time,
      length: b.length,
      context,
      recency,
      importance,
    };
    return { item: b.item, score: b.local + context + recency + importance, scores };
  });
}

function bestNeighbour<T extends { local: number; happenedAt: number }>(sortedTurns: T[], turn: T, windowMs: number): number {
  let best = 0;
  for (const other of sortedTurns) {
    if (other.happenedAt < turn.happenedAt - windowMs) continue;
    if (other.happenedAt > turn.happenedAt + windowMs) break;
    if (other !== turn && other.local > best) best = other.local;
  }
  return best;
}
