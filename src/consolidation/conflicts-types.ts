import type { ExtractedEntity, ExtractedRelationship } from '../ai/extraction/types.js';

/** An updated section: its new content cut into chunks, and the short-term chunks it already has. */
export interface ConflictSection {
  sectionId: string;
  title?: string;
  newChunks: string[];
  existingChunks: Array<{ id: string; content: string }>;
}

/** How close an extracted item is to an existing short-term one (both 0..1). */
export interface MatchScores {
  similarity: number;
  overlap: number;
}

export interface ConflictEntity {
  extracted: ExtractedEntity;
  /** Existing short-term entities that resemble it, best first. */
  matches: Array<MatchScores & { entityId: string; name: string; types: string[] }>;
}

export interface ConflictRelationship {
  extracted: ExtractedRelationship;
  matches: Array<MatchScores & { relationshipId: string; sourceName: string; targetName: string; type: string }>;
}

/** Everything a consolidation decides about: what the Memorizer or the deterministic resolver sees. */
export interface ConsolidationConflicts {
  /** Every section with `updateCount > 0`; `existingChunks` is empty for a section seen first. */
  sections: ConflictSection[];
  /** Every extracted entity; `matches` is empty when nothing resembles it. */
  entities: ConflictEntity[];
  relationships: ConflictRelationship[];
}
