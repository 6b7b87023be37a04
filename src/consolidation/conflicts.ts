import type { Extraction } from '../ai/extraction/types.js';
import type { ActiveMemorySection } from '../model/active-memory.js';
import type { ShortTermChunk, ShortTermEntity, ShortTermRelationship } from '../model/tiers.js';
import { chunkContent } from './chunking.js';
import type { ConflictEntity, ConflictRelationship, ConsolidationConflicts, MatchScores } from './conflicts-types.js';
import { nameSimilarity, setOverlap, textSimilarity, words } from './similarity.js';

/** Candidates below this similarity are not worth showing to the Memorizer. */
const MIN_LISTED_SIMILARITY = 0.5;
const MAX_MATCHES = 3;

export interface ConflictInputs {
  sections: ActiveMemorySection[];
  chunks: ShortTermChunk[];
  entities: ShortTermEntity[];
  relationships: ShortTermRelationship[];
  extraction: Extraction;
}

export function chunkScores(a: string, b: string): MatchScores {
  return { similarity: textSimilarity(a, b), overlap: setOverlap(words(a), words(b)) };
}

/** Entities compare by name only (spelling, then shared words), as promotion matches them; types are merged, not compared. */
export function entityScores(a: { name: string }, b: { name: string }): MatchScores {
  return { similarity: nameSimilarity(a.name, b.name), overlap: setOverlap(words(a.name), words(b.name)) };
}

export function relationshipScores(
  a: { sourceName: string; targetName: string; type: string },
  b: { sourceName: string; targetName: string; type: string },
): MatchScores {
  return {
    similarity: (nameSimilarity(a.sourceName, b.sourceName) + nameSimilarity(a.targetName, b.targetName)) / 2,
    overlap: a.type.toLowerCase() === b.type.toLowerCase() ? 1 : setOverlap(words(a.type), words(b.type)),
  };
}

function bestMatches<T>(candidates: Array<MatchScores & T>): Array<MatchScores & T> {
  return candidates
    .filter((c) => c.similarity >= MIN_LISTED_SIMILARITY)
    .sort((x, y) => y.similarity - x.similarity || y.overlap - x.overlap)
    .slice(0, MAX_MATCHES);
}

/** Builds ConsolidationConflicts: updated sections against their chunks, extracted items against existing ones. */
export function buildConflicts(inputs: ConflictInputs): ConsolidationConflicts {
  const sections = inputs.sections.map((section) => ({
    sectionId: section.id,
    ...(section.title ? { title: section.title } : {}),
    newChunks: chunkContent(section.content),
    existingChunks: inputs.chunks.filter((c) => c.sectionId === section.id).map((c) => ({ id: c.id, content: c.content })),
  }));
  const entities: ConflictEntity[] = inputs.extraction.entities.map((extracted) => ({
    extracted,
    matches: bestMatches(
      inputs.entities.map((e) => ({ entityId: e.id, name: e.name, types: e.types, ...entityScores(extracted, e) })),
    ),
  }));
  const relationships: ConflictRelationship[] = inputs.extraction.relationships.map((extracted) => ({
    extracted,
    matches: bestMatches(
      inputs.relationships.map((r) => ({
        relationshipId: r.id,
        sourceName: r.sourceName,
        targetName: r.targetName,
        type: r.type,
        ...relationshipScores(extracted, r),
      })),
    ),
  }));
  return { sections, entities, relationships };
}
