import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentMem } from '../src/agent-mem.js';
import type { Store } from '../src/store/port.js';
import { Child } from './support/child.js';
import { allEpisodes, assertIndexMatches, assertWholeGroups, IMPORT_BATCH, openStoreAt, type CrashChildArgs, type CrashMode } from './support/crash-checks.js';
import { STORE_KINDS, testLocation } from './support/stores.js';
import { WordEmbedder } from './support/word-embedder.js';
import { within } from './support/within.js';

const CHILD = 'test/support/crash-child.ts';
const ROUNDS = 3;
const scope = { tenantId: 'default', externalId: 'crash' };
const CALL = /round\d+call\d+/;

/** Rows (or sections) per call of each mode: large enough that a kill often lands inside a write. */
const SIZES: Record<CrashMode, number> = { episodes: 2000, messages: 1000, import: 4 * IMPORT_BATCH, consolidate: 8, promote: 8, sleep: 20 };

/** Runs ROUNDS children of `mode`, each killed with SIGKILL at a random moment after its first call; returns the calls they finished. */
async function killRounds(args: Omit<CrashChildArgs, 'round'>): Promise<number> {
  let finished = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const child = new Child(CHILD, { ...args, round });
    await within(60_000, child.waitFor((line) => line === 'done 0'), `the first ${args.mode} call of round ${round}`);
    await sleep(Math.random() * 1500);
    child.kill();
    await child.exited;
    finished += child.count((line) => line.startsWith('done '));
  }
  return finished;
}

/** Consolidation and promotion: a memory whose sections the child rewrites on every call. */
async function createMemory(location: CrashChildArgs['location'], sections: number): Promise<string> {
  const mem = await AgentMem.open({ ...location, embedder: new WordEmbedder() });
  try {
    const template = { sections: Array.from({ length: sections }, (_, s) => ({ id: `s${s}` })) };
    return (await mem.createActiveMemory({ externalId: scope.externalId, title: 'Crash', template })).id;
  } finally {
    await mem.close();
  }
}

type Check = (store: Store, memoryId: string | undefined) => Promise<string>;

const checks: Record<CrashMode, Check> = {
  async episodes(store) {
    const episodes = await allEpisodes(store, scope);
    const groups = await assertWholeGroups(store, scope, episodes, SIZES.episodes, CALL);
    await assertIndexMatches(store, scope, 'episode', episodes.map((e) => e.id));
    return `${groups.size} whole addEpisodes calls`;
  },
  async messages(store) {
    const episodes = await allEpisodes(store, scope);
    const groups = await assertWholeGroups(store, scope, episodes, SIZES.messages, CALL);
    const sessions = new Map<string, number[]>();
    for (const turn of episodes) sessions.set(turn.sessionId!, [...(sessions.get(turn.sessionId!) ?? []), turn.position!]);
    for (const positions of sessions.values()) {
      assert.deepEqual(positions.sort((a, b) => a - b), positions.map((_, i) => i), 'a session holds its turns at positions 0..n-1');
    }
    await assertIndexMatches(store, scope, 'episode', episodes.map((e) => e.id));
    return `${groups.size} whole addMessages calls`;
  },
  async import(store) {
    const episodes = await allEpisodes(store, scope);
    const groups = await assertWholeGroups(store, scope, episodes, IMPORT_BATCH, /round\d+call\d+batch\d+/);
    await assertIndexMatches(store, scope, 'episode', episodes.map((e) => e.id));
    return `${groups.size} whole import batches`;
  },
  async consolidate(store, memoryId) {
    const shortterm = await store.shortterm.getForMemory(scope, memoryId!);
    const runs = await store.runs.list(scope, { kind: 'consolidation', memoryId: memoryId!, limit: 10_000 });
    const applied = runs.filter((r) => r.status === 'succeeded' && Number(r.counts.sectionsConsolidated) > 0);
    assert.equal(shortterm?.updateCount ?? 0, applied.length, 'short-term updateCount = consolidations recorded as applied');
    const chunks = shortterm ? await store.shortterm.listChunks(scope, { shorttermId: shortterm.id }) : [];
    const memory = (await store.active.get(scope, memoryId!))!;
    for (const section of memory.sections.filter((s) => s.updateCount === 0 && s.content)) {
      const call = section.content.match(CALL)![0];
      assert.ok(chunks.some((c) => c.sectionId === section.id && c.content.includes(call)), `section ${section.id} was reset, so its text ${call} is in short-term memory`);
    }
    await assertIndexMatches(store, scope, 'shortterm', chunks.map((c) => c.id));
    return `${applied.length} consolidations applied`;
  },
  async promote(store, memoryId) {
    const shortterm = await store.shortterm.getForMemory(scope, memoryId!);
    const chunks = shortterm ? await store.shortterm.listChunks(scope, { shorttermId: shortterm.id }) : [];
    const longterm = await store.longterm.listChunks(scope, { activeMemoryId: memoryId!, includeEnded: true });
    const history = (shortterm?.metadata.promotionHistory ?? []) as Array<{ chunksAdded: number }>;
    assert.equal(chunks.length === 0, (shortterm?.updateCount ?? 0) === 0, 'promoted short-term chunks are gone exactly when the count was reset');
    assert.equal(longterm.length, history.reduce((sum, p) => sum + p.chunksAdded, 0), 'long-term chunks = chunks the recorded promotions added');
    const promotions = await store.runs.list(scope, { kind: 'promotion', limit: 10_000 });
    assert.ok(promotions.filter((r) => r.status === 'succeeded').length <= history.length, 'no promotion recorded as succeeded without its rows');
    await assertIndexMatches(store, scope, 'shortterm', chunks.map((c) => c.id));
    await assertIndexMatches(store, scope, 'longterm', longterm.map((c) => c.id));
    return `${history.length} promotions applied`;
  },
  async sleep(store) {
    const episodes = await allEpisodes(store, scope);
    await assertWholeGroups(store, scope, episodes, 3 * SIZES.sleep, CALL);
    const facts = await store.facts.list(scope);
    const evidence = new Set<string>();
    for (const fact of facts) for (const version of await store.facts.history(scope, fact.key)) version.evidenceIds.forEach((id) => evidence.add(id));
    const marked = episodes.filter((e) => e.status === 'consolidated').map((e) => e.id);
    assert.deepEqual(marked.sort(), [...evidence].sort(), 'episodes marked consolidated = the evidence of the facts written');
    await assertIndexMatches(store, scope, 'fact', facts.map((f) => f.id));
    await assertIndexMatches(store, scope, 'episode', episodes.map((e) => e.id));
    return `${facts.length} facts from ${marked.length} migrated episodes`;
  },
};

for (const kind of STORE_KINDS) {
  describe(`kill -9 in the middle of multi-row writes (${kind})`, () => {
    for (const mode of Object.keys(checks) as CrashMode[]) {
      it(`${mode}: every call left all of its rows or none, and the search index matches them`, { timeout: 600_000 }, async () => {
        const location = await testLocation(kind);
        const memoryId = mode === 'consolidate' || mode === 'promote' ? await createMemory(location, SIZES[mode]) : undefined;
        const finished = await killRounds({ location, mode, externalId: scope.externalId, size: SIZES[mode], ...(memoryId ? { memoryId } : {}) });
        const store = await openStoreAt(location);
        try {
          const summary = await checks[mode](store, memoryId);
          console.log(`${kind} ${mode}: ${ROUNDS} kills, ${finished} calls acknowledged, after reopening: ${summary}`);
        } finally {
          await store.close();
        }
      });
    }
  });
}
