import { writeFactVersion, type FactDraft } from '../facts/fact-versions.js';
import type { Fact } from '../model/fact.js';
import type { Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';
import type { Alignment } from './aligner.js';
import type { Gist } from './gists.js';

export type EpisodeMark = 'consolidated' | 'compressed';

/** The fact version a gist becomes, given where the aligner placed it. */
export function draftFor(gist: Gist, alignment: Alignment, evidenceIds: string[]): FactDraft {
  const provenance = { source: 'sleep', gist: gist.text, gistSource: gist.source, entities: gist.entities };
  if (alignment.action === 'create') {
    return {
      key: alignment.key,
      category: alignment.category,
      subject: gist.subject ?? undefined,
      predicate: gist.predicate ?? undefined,
      value: gist.value,
      confidence: gist.confidence,
      evidenceIds,
      metadata: provenance,
    };
  }
  const old = alignment.existing;
  const confirmed = old.value.trim().toLowerCase() === gist.value.trim().toLowerCase();
  return {
    key: old.key,
    category: old.category,
    subject: gist.subject ?? old.subject ?? undefined,
    predicate: gist.predicate ?? old.predicate ?? undefined,
    value: gist.value,
    // A confirmed value keeps the stronger confidence; a changed one takes the new evidence's.
    confidence: confirmed ? Math.max(old.confidence, gist.confidence) : gist.confidence,
    evidenceIds: [...new Set([...old.evidenceIds, ...evidenceIds])],
    metadata: { ...old.metadata, ...provenance, matchedBy: alignment.matchedBy },
  };
}

/** Writes the fact version and marks its source episodes, in one transaction. */
export async function migrateCluster(
  store: Store,
  scope: Scope,
  plan: { draft: FactDraft; embedding: Float32Array; episodeIds: string[]; mark: EpisodeMark },
  at: string,
): Promise<{ fact: Fact; previous?: Fact }> {
  return store.transaction(async (tx) => {
    const written = await writeFactVersion(tx, scope, plan.draft, plan.embedding, at);
    await tx.episodes.setStatus(scope, plan.episodeIds, plan.mark, at);
    return written;
  });
}
