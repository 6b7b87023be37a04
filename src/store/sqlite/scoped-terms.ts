import { createHash } from 'node:crypto';

/** Letters that are never vowels to the Porter stemmer, so a prefix leaves every stem as it was. */
const CONSONANTS = 'bcdfghjklmnpqrst';

/**
 * The full-text prefix of a scope: `q`, 16 consonants from the scope id's hash, `_`. Every
 * indexed word is written `<prefix><word>`, so a scope's words are postings of their own and a
 * query reads its scope's rows only, however large the store grows.
 */
function prefixOf(scopeId: string): string {
  const digest = createHash('sha256').update(scopeId).digest();
  let prefix = 'q';
  for (let i = 0; i < 8; i++) prefix += CONSONANTS[digest[i]! >> 4]! + CONSONANTS[digest[i]! & 15]!;
  return `${prefix}_`;
}

/** The words of a text (lower-cased letters and digits), as the scope's full-text terms. */
export function scopedTerms(scopeId: string, text: string): string {
  const prefix = prefixOf(scopeId);
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => prefix + word).join(' ');
}

/** An FTS5 query matching any of the terms within the scope. */
export function scopedQuery(scopeId: string, terms: readonly string[]): string {
  const prefix = prefixOf(scopeId);
  return terms.map((term) => `"${prefix}${term.replace(/"/g, '""')}"`).join(' OR ');
}
