import { dot } from '../ai/embedder.js';
import type { Fact } from '../model/fact.js';
import type { Gist, GistType } from './gists.js';

export interface KnownFact {
  fact: Fact;
  vector: Float32Array;
}

export type Alignment =
  | { action: 'update'; matchedBy: 'key' | 'predicate' | 'similarity'; existing: Fact; similarity?: number }
  | { action: 'create'; key: string; category: string };

const CATEGORY_OF: Record<GistType, string> = { fact: 'fact', preference: 'preference', pattern: 'pattern', summary: 'summary' };

export function slug(text: string, maxWords = 6): string {
  const words = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9\s_-]/g, ' ').split(/[\s_-]+/).filter(Boolean);
  return words.slice(0, maxWords).join('_') || 'item';
}

/** A dotted key: the gist's own (normalised), else category.subject.predicate-or-value. */
export function suggestKey(gist: Gist): string {
  if (gist.key) return gist.key.split('.').map((part) => slug(part)).join('.');
  const subject = slug(gist.subject ?? 'general', 4);
  return `${CATEGORY_OF[gist.type]}.${subject}.${slug(gist.predicate ?? gist.value)}`;
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Finds the current fact a gist updates: by key, then (for preferences) by subject and predicate,
 * then by text similarity at or above `similarityThreshold`; otherwise suggests a new key and category.
 */
export function alignGist(gist: Gist, gistVector: Float32Array, known: KnownFact[], similarityThreshold: number): Alignment {
  const key = suggestKey(gist);
  const byKey = known.find((k) => k.fact.key === key);
  if (byKey) return { action: 'update', matchedBy: 'key', existing: byKey.fact };
  if (gist.type === 'preference' && gist.predicate) {
    const byPredicate = known.find(
      (k) => k.fact.category === 'preference' && same(k.fact.predicate, gist.predicate) && (k.fact.subject === null || gist.subject === null || same(k.fact.subject, gist.subject)),
    );
    if (byPredicate) return { action: 'update', matchedBy: 'predicate', existing: byPredicate.fact };
  }
  let best: { fact: Fact; similarity: number } | undefined;
  for (const k of known) {
    const similarity = dot(gistVector, k.vector);
    if (similarity >= similarityThreshold && (!best || similarity > best.similarity)) best = { fact: k.fact, similarity };
  }
  if (best) return { action: 'update', matchedBy: 'similarity', existing: best.fact, similarity: best.similarity };
  return { action: 'create', key, category: CATEGORY_OF[gist.type] };
}
