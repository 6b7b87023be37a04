import { randomUUID } from 'node:crypto';
import type { Fact } from '../model/fact.js';
import type { Scope } from '../model/scope.js';
import type { FactVersionInput } from '../model/schemas/fact.js';
import type { Store } from '../store/port.js';

export type FactDraft = Omit<FactVersionInput, 'externalId'>;

/** The text a fact version is searched by (full-text and vector). */
export function factText(fact: Pick<Fact, 'key' | 'value' | 'subject' | 'predicate'>): string {
  const triple = [fact.subject, fact.predicate].filter(Boolean).join(' ');
  return triple ? `${fact.key}: ${fact.value} (${triple})` : `${fact.key}: ${fact.value}`;
}

function sameVersion(fact: Fact, draft: FactDraft): boolean {
  const fields = (f: FactDraft | Fact) => JSON.stringify([f.value, f.category, f.subject ?? null, f.predicate ?? null, f.confidence, f.evidenceIds, f.metadata]);
  return fields(fact) === fields(draft);
}

/**
 * Writes a new current version of `draft.key` inside the caller's transaction: an identical draft is a no-op; otherwise the open version,
 * if any, is closed at `at` and leaves the search index; the new one enters it.
 */
export async function writeFactVersion(tx: Store, scope: Scope, draft: FactDraft, embedding: Float32Array, at: string): Promise<{ fact: Fact; previous?: Fact }> {
  const previous = await tx.facts.getCurrent(scope, draft.key);
  if (previous && sameVersion(previous, draft)) return { fact: previous };
  if (previous) {
    await tx.facts.closeCurrent(scope, draft.key, at);
    await tx.searchIndex.remove(scope, 'fact', [previous.id]);
  }
  const fact: Fact = {
    id: randomUUID(),
    ...scope,
    key: draft.key,
    category: draft.category,
    subject: draft.subject ?? null,
    predicate: draft.predicate ?? null,
    value: draft.value,
    confidence: draft.confidence,
    evidenceIds: draft.evidenceIds,
    metadata: draft.metadata,
    validFrom: at,
    validTo: null,
    createdAt: at,
  };
  await tx.facts.insert(fact);
  await tx.searchIndex.upsert([{ scope, tier: 'fact', itemId: fact.id, text: factText(fact), embedding }]);
  return previous ? { fact, previous } : { fact };
}
