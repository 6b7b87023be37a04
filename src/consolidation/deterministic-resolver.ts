import { chunkScores } from './conflicts.js';
import type { ConflictEntity, ConflictRelationship, ConflictSection, ConsolidationConflicts, MatchScores } from './conflicts-types.js';
import type { ChunkAction, ConsolidationPlan, EntityAction, RelationshipAction } from './plan.js';

export const MERGE_SIMILARITY = 0.85;
export const MERGE_OVERLAP = 0.7;

export function isMergeable(scores: MatchScores): boolean {
  return scores.similarity >= MERGE_SIMILARITY && scores.overlap >= MERGE_OVERLAP;
}

/**
 * The plan without a model: merge when similarity ≥ 0.85 and overlap ≥ 0.7, else create. A section's
 * chunks follow its new content: a matching chunk is kept (or updated when its text changed), a new
 * one is created, and a chunk the section no longer says is deleted.
 */
export function resolveDeterministically(conflicts: ConsolidationConflicts): ConsolidationPlan {
  return {
    chunks: conflicts.sections.flatMap(resolveSection),
    entities: resolveMerges<ConflictEntity, EntityAction>(
      conflicts.entities,
      (m) => m.entityId,
      (extracted) => ({ action: 'create', ...extracted }),
      (targetId, { types, description, confidence }) => ({ action: 'merge', targetId, types, description, confidence }),
    ),
    relationships: resolveMerges<ConflictRelationship, RelationshipAction>(
      conflicts.relationships,
      (m) => m.relationshipId,
      (extracted) => ({ action: 'create', ...extracted }),
      (targetId, { type, description, confidence, strength }) => ({ action: 'merge', targetId, type, description, confidence, strength }),
    ),
  };
}

function resolveSection(section: ConflictSection): ChunkAction[] {
  const actions: ChunkAction[] = [];
  const unmatched = new Map(section.existingChunks.map((c) => [c.id, c]));
  for (const content of section.newChunks) {
    const best = [...unmatched.values()]
      .map((chunk) => ({ chunk, ...chunkScores(content, chunk.content) }))
      .sort((a, b) => b.similarity - a.similarity)[0];
    if (best && isMergeable(best)) {
      unmatched.delete(best.chunk.id);
      if (best.chunk.content !== content) actions.push({ action: 'update', chunkId: best.chunk.id, content });
    } else {
      actions.push({ action: 'create', sectionId: section.sectionId, content });
    }
  }
  for (const id of unmatched.keys()) actions.push({ action: 'delete', chunkId: id });
  return actions;
}

/** One action per extracted item; two items that merge into the same target become one merge. */
function resolveMerges<C extends ConflictEntity | ConflictRelationship, A>(
  conflicts: C[],
  idOf: (match: C['matches'][number]) => string,
  create: (extracted: C['extracted']) => A,
  merge: (targetId: string, extracted: C['extracted']) => A,
): A[] {
  const merged = new Set<string>();
  const actions: A[] = [];
  for (const { extracted, matches } of conflicts) {
    const best = matches.find(isMergeable);
    if (!best) actions.push(create(extracted));
    else if (!merged.has(idOf(best))) {
      merged.add(idOf(best));
      actions.push(merge(idOf(best), extracted));
    }
  }
  return actions;
}
