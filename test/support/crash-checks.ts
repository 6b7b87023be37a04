/**
 * What the kill -9 tests check after reopening a store: each call's rows are all there or none
 * are, and the search index (entries, vectors, full text) holds exactly the rows.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { AgentMemOptions } from '../../src/agent-mem.js';
import { EPISODE_BATCH } from '../../src/cli/records.js';
import type { Episode } from '../../src/model/episode.js';
import type { Scope } from '../../src/model/scope.js';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import type { Tier } from '../../src/model/tiers.js';
import type { Store } from '../../src/store/port.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';

/** What the child process (crash-child.ts) is told to do. */
export type CrashMode = 'episodes' | 'messages' | 'import' | 'consolidate' | 'promote' | 'sleep';

export interface CrashChildArgs {
  location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>;
  mode: CrashMode;
  externalId: string;
  round: number;
  /** Rows per call (episodes, messages, import records); sections for consolidation. */
  size: number;
  memoryId?: string;
}

/** An import writes this many consecutive episodes per transaction. */
export const IMPORT_BATCH = EPISODE_BATCH;

/** The marker a row of call `call` of round `round` carries in its text. */
export const marker = (round: number, call: number) => `round${round}call${call}`;

export function openStoreAt(location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  return location.databaseUrl ? openPostgresStore(location.databaseUrl) : openSqliteStore(path.join(location.dataDir!, SQLITE_FILE));
}

export async function allEpisodes(store: Store, scope: Scope): Promise<Episode[]> {
  const all: Episode[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.episodes.list(scope, { statuses: ['active', 'consolidated', 'compressed', 'deleted'] }, { limit: 1000, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The ids the search index holds for a scope's tier. */
async function indexedIds(store: Store, scope: Scope, tier: Tier): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let afterKey: string | undefined; ; ) {
    const { items } = await store.searchIndex.listItems({ limit: 1000, ...(afterKey ? { afterKey } : {}) });
    if (items.length === 0) return ids;
    for (const item of items) if (item.tier === tier && item.scope.tenantId === scope.tenantId && item.scope.externalId === scope.externalId) ids.add(item.itemId);
    afterKey = items.at(-1)!.key;
  }
}

/** The index holds an entry and a vector for every row of the tier, and nothing else. */
export async function assertIndexMatches(store: Store, scope: Scope, tier: Tier, rowIds: string[]): Promise<void> {
  assert.deepEqual([...(await indexedIds(store, scope, tier))].sort(), [...rowIds].sort(), `${tier} index entries = ${tier} rows`);
  assert.equal((await store.searchIndex.getVectors(scope, tier, rowIds)).size, rowIds.length, `a vector for every ${tier} row`);
}

/** How many rows of a tier full-text search finds for a word. */
export async function textHits(store: Store, scope: Scope, tier: Tier, word: string, limit: number): Promise<number> {
  return (await store.searchIndex.textSearch(scope, { text: word, tiers: [tier], limit, filter: { now: new Date().toISOString() } })).length;
}

/**
 * Groups rows by the call marker in their text (`round<r>call<n>`, plus `batch<b>` for imports)
 * and checks every group is whole and full-text search finds all of it; returns the groups.
 */
export async function assertWholeGroups(store: Store, scope: Scope, episodes: Episode[], groupSize: number, pattern: RegExp): Promise<Map<string, number>> {
  const groups = new Map<string, number>();
  for (const episode of episodes) {
    const key = episode.text.match(pattern)?.[0];
    assert.ok(key, `episode text carries its call's marker: ${episode.text}`);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, count] of groups) {
    assert.equal(count, groupSize, `call ${key} left ${count} of its ${groupSize} rows`);
    assert.equal(await textHits(store, scope, 'episode', key, groupSize + 10), groupSize, `full-text search finds every row of ${key}`);
  }
  return groups;
}
