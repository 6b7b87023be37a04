import type { Fact } from '../model/fact.js';
import type { MemoryEntry } from './memory-backend.js';

/** The entry a key's versions make: the current value, created when the first version was. */
export function entryOf(versions: Fact[]): MemoryEntry | null {
  const current = versions.find((v) => v.validTo === null);
  if (!current) return null;
  const createdAt = versions.reduce((min, v) => (v.validFrom < min ? v.validFrom : min), current.validFrom);
  return { userId: current.externalId, key: current.key, value: current.value, createdAt, updatedAt: current.validFrom, metadata: current.metadata };
}

/** One entry per key, from a mixed list of versions. */
export function entriesOf(versions: Fact[]): MemoryEntry[] {
  const byKey = new Map<string, Fact[]>();
  for (const version of versions) byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);
  return [...byKey.values()].map(entryOf).filter((e): e is MemoryEntry => e !== null);
}

export function newestFirst(a: MemoryEntry, b: MemoryEntry): number {
  return b.updatedAt.localeCompare(a.updatedAt);
}

/** Whether the entry's key or value holds every word of the query (case-insensitive). */
export function matchesQuery(entry: MemoryEntry, query: string): boolean {
  const haystack = `${entry.key} ${entry.value}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}
