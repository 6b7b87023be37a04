import { queryTerms } from '../store/search-keys.js';

/** Capitalised words that open questions and requests rather than name anything. */
const OPENERS = new Set(['would', 'could', 'can', 'please', 'tell', 'list', 'give', 'name', 'describe', 'explain', 'remind', 'yes', 'hey']);

/**
 * The names a query mentions: capitalised words (possessive `'s` dropped) that are not stop
 * words, question words or request openers, e.g. "Caroline" and "LGBTQ" in
 * "When did Caroline go to the LGBTQ support group?". No model, no network, microseconds.
 */
export function queryEntities(query: string): string[] {
  const words = query.match(/\p{Lu}[\p{L}\p{N}]*(?:['’]s)?/gu) ?? [];
  const names = words
    .map((w) => w.replace(/['’]s$/u, ''))
    .filter((w) => w.length > 1 && !OPENERS.has(w.toLowerCase()) && queryTerms(w).length > 0);
  return [...new Set(names)];
}

/** The share of `entities` that `text` mentions as whole words, case-insensitively (0..1). */
export function entityOverlap(text: string, entities: readonly string[]): number {
  if (entities.length === 0) return 0;
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return entities.filter((e) => words.has(e.toLowerCase())).length / entities.length;
}

/** The speaker of a chat turn written `Name: message`, lower-cased, if the text has that form. */
export function speakerOf(text: string): string | undefined {
  return /^([^:\n]{1,40}):\s/u.exec(text)?.[1]!.trim().toLowerCase();
}

/** The query with the given names (and their possessive `'s`) taken out; the query itself if nothing would be left. */
export function withoutNames(query: string, names: readonly string[]): string {
  if (names.length === 0) return query;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const stripped = query.replace(new RegExp(`\\b(${escaped.join('|')})(['’]s)?\\b`, 'gu'), ' ').replace(/\s+/g, ' ').trim();
  return stripped || query;
}
