import type { Json } from './scope.js';
import type { Tier } from './tiers.js';

/** Where a retrieved memory came from; the fields that apply to its tier are set. */
export interface Provenance {
  /** Active memory the section or chunk belongs to (or was consolidated from). */
  memoryId?: string;
  sectionId?: string;
  /** Short-term memory the chunk belongs to or was promoted from. */
  shorttermId?: string;
  /** Episodes (and for facts, the evidence) the memory rests on. */
  evidenceIds?: string[];
  factKey?: string;
  /** When an episode happened. */
  occurredAt?: string;
  /** The conversation session of a chat turn written by addMessages, and its place in it. */
  sessionId?: string;
  position?: number;
  /** Who said a chat turn written by addMessages. */
  speaker?: string;
  /** Validity of a long-term chunk or a fact version. */
  validFrom?: string;
  validTo?: string | null;
}

/** The scores a result was ranked by; text and vector are the retrievers' raw scores. */
export interface RetrievalScores {
  /** Cosine similarity of the query and the item's vector, when the vector search found it. */
  vector?: number;
  /** bm25 (SQLite) or ts_rank (PostgreSQL), when the text search found it. */
  text?: number;
  /** Weighted sum of the per-query normalised text and vector scores. */
  fused: number;
  /** Added because the item names people or things the query names, or is a turn spoken by one of them. */
  entity: number;
  /** Added because the query asks when and the item says when ("yesterday", "in May", "2023"). */
  time: number;
  /** Added for how much the item says: grows with its length up to 200 characters. */
  length: number;
  /** Added for the item's best-scoring conversation neighbours. */
  context: number;
  recency: number;
  importance: number;
}

export interface RetrievedMemory {
  tier: Tier;
  /** Episode, chunk or fact id; `${memoryId}/${sectionId}` for an active section. */
  id: string;
  content: string;
  score: number;
  scores: RetrievalScores;
  provenance: Provenance;
  /** The item's own metadata (an episode's `metadata`, a chunk's, a fact's, an active memory's). */
  metadata: Json;
  /** Episode type or fact category, when the tier has one. */
  type?: string;
  tags?: string[];
}
