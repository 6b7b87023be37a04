/** Lexical similarity measures the deterministic resolver uses; all return 0..1. */

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function bigrams(text: string): string[] {
  const s = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  return Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
}

/** Sørensen–Dice over character bigrams: tolerant of case, spacing and small spelling changes. */
export function nameSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = new Map<string, number>();
  for (const g of bigrams(b)) right.set(g, (right.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of left) {
    const n = right.get(g) ?? 0;
    if (n > 0) {
      shared++;
      right.set(g, n - 1);
    }
  }
  const total = left.length + bigrams(b).length;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Cosine of word-count vectors. */
export function textSimilarity(a: string, b: string): number {
  const count = (t: string) => words(t).reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
  const [x, y] = [count(a), count(b)];
  let dot = 0;
  for (const [w, n] of x) dot += n * (y.get(w) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  const denominator = norm(x) * norm(y);
  return denominator === 0 ? 0 : dot / denominator;
}

/** Jaccard overlap of two sets of strings (case-insensitive); two empty sets overlap fully. */
export function setOverlap(a: Iterable<string>, b: Iterable<string>): number {
  const x = new Set([...a].map((s) => s.toLowerCase()));
  const y = new Set([...b].map((s) => s.toLowerCase()));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const v of x) if (y.has(v)) shared++;
  return shared / (x.size + y.size - shared);
}
