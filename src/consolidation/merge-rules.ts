import type { Json } from '../model/scope.js';

/** Two estimates of one thing: lean on the stronger, keep some of the weaker. */
export function mergeScore(a: number, b: number): number {
  return 0.6 * Math.max(a, b) + 0.4 * Math.min(a, b);
}

/** The union of two type lists, the first list's order first, compared case-insensitively. */
export function unionTypes(first: string[], second: string[]): string[] {
  const seen = new Set<string>();
  return [...first, ...second].filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Appends `entry` to the array at `metadata[key]`, keeping only the newest `limit` entries. */
export function appendHistory(metadata: Json, key: string, entry: Json, limit: number): Json {
  const current = Array.isArray(metadata[key]) ? (metadata[key] as unknown[]) : [];
  return { ...metadata, [key]: [...current, entry].slice(-limit) };
}
