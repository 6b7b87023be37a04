import { createHash } from 'node:crypto';
import type { Scope } from '../model/scope.js';

/** One opaque token per scope, so indexes can filter by scope without tokenizing tenant names. */
export function scopeKey(scope: Scope): string {
  return `s${createHash('sha256').update(`${scope.tenantId}\u0000${scope.externalId}`).digest('hex').slice(0, 32)}`;
}

const STOPWORDS = new Set(
  'a an and are as at be been but by did do does for from had has have he her him his how i if in into is it its me my no not of on or our she so than that the their them then there these they this to too up us was we were what when where which who whom why will with would you your'.split(' '),
);

/** The distinct, lower-cased content words of a query, for OR-matching in full-text search. */
export function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}
