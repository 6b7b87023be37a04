import { createHash } from 'node:crypto';
import type { Scope } from '../model/scope.js';

/** One opaque token per scope, so indexes can filter by scope without tokenizing tenant names. */
export function scopeKey(scope: Scope): string {
  return `s${createHash('sha256').update(`${scope.tenantId}\u0000${scope.externalId}`).digest('hex').slice(0, 32)}`;
}

// The same list PostgreSQL's `english` configuration drops, so both adapters match alike.
const STOPWORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
  it its itself they them their theirs themselves what which who whom this that these those am is are was were be
  been being have has had having do does did doing a an the and but if or because as until while of at by for with
  about against between into through during before after above below to from up down in out on off over under again
  further then once here there when where why how all any both each few more most other some such no nor not only
  own same so than too very s t can will just don should now`.split(/\s+/),
);

/** The distinct, lower-cased content words of a query, for OR-matching in full-text search. */
export function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}
