import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { resolveConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { Retrieval } from '../src/retrieval/retrieval.js';
import { standaloneEngineDeps } from '../src/runtime/engine-deps.js';
import type { Store } from '../src/store/port.js';
import { T0, scope } from './support/fixtures.js';
import { STORE_KINDS, openTestStore } from './support/stores.js';

const embedder = new LocalEmbedder();

/** Long-term and short-term chunks as the consolidation engine writes and indexes them. */
for (const kind of STORE_KINDS) {
  describe(`retrieveMemories over consolidated tiers (${kind})`, () => {
    let store: Store;
    let retrieval: Retrieval;
    const s = scope(randomUUID(), 'default');
    before(async () => {
      store = await openTestStore(kind);
      const logger = createLogger();
      const deps = standaloneEngineDeps({ store, embedder, llm: undefined, config: resolveConfig({}, {}), logger, tenantId: s.tenantId, now: () => new Date('2026-06-01T00:00:00.000Z') });
      retrieval = new Retrieval(deps);
      const index = async (tier: 'longterm' | 'shortterm', itemId: string, text: string) => {
        const [embedding] = await embedder.embed([text]);
        await store.searchIndex.upsert([{ scope: s, tier, itemId, text, embedding: embedding! }]);
      };
      const base = { ...s, activeMemoryId: 'mem-1', sectionId: 'job', confidence: 0.9, importance: 0.5, lastUpdated: T0, sourceShorttermId: 'st-0', metadata: {}, createdAt: T0 };
      await store.longterm.insertChunks([
        { ...base, id: 'lt-acme', content: 'Works as an engineer at Acme', startDate: '2025-01-01T00:00:00.000Z', endDate: '2026-01-01T00:00:00.000Z' },
        { ...base, id: 'lt-globex', content: 'Works as an engineer at Globex', startDate: '2026-01-01T00:00:00.000Z', endDate: null },
      ]);
      await index('longterm', 'lt-acme', 'Works as an engineer at Acme');
      await index('longterm', 'lt-globex', 'Works as an engineer at Globex');
      await store.shortterm.insert({ id: 'st-1', ...s, activeMemoryId: 'mem-1', updateCount: 1, metadata: {}, createdAt: T0, updatedAt: T0 });
      await store.shortterm.insertChunks([{ id: 'st-chunk', shorttermId: 'st-1', ...s, sectionId: 'job', content: 'Engineer on the payments team', metadata: { origin: 'consolidation' }, createdAt: T0, updatedAt: T0 }]);
      await index('shortterm', 'st-chunk', 'Engineer on the payments team');
    });
    after(() => store.close());

    it('returns the long-term chunk valid now, or at asOf, with its provenance', async () => {
      const now = await retrieval.retrieve({ externalId: s.externalId, query: 'where does the engineer work', tiers: ['longterm'] });
      assert.deepEqual(now.map((r) => r.id), ['lt-globex']);
      assert.deepEqual(now[0]!.provenance, { memoryId: 'mem-1', sectionId: 'job', shorttermId: 'st-0', validFrom: '2026-01-01T00:00:00.000Z', validTo: null });
      const then = await retrieval.retrieve({ externalId: s.externalId, query: 'where does the engineer work', tiers: ['longterm'], asOf: '2025-06-01T00:00:00.000Z' });
      assert.deepEqual(then.map((r) => r.id), ['lt-acme']);
    });

    it('hydrates short-term chunks with their memory and section', async () => {
      const [chunk] = await retrieval.retrieve({ externalId: s.externalId, query: 'payments team engineer', tiers: ['shortterm'] });
      assert.equal(chunk?.content, 'Engineer on the payments team');
      assert.deepEqual(chunk?.provenance, { shorttermId: 'st-1', sectionId: 'job' });
      assert.deepEqual(chunk?.metadata, { origin: 'consolidation' });
      const both = await retrieval.retrieve({ externalId: s.externalId, query: 'engineer' });
      assert.deepEqual(new Set(both.map((r) => r.tier)), new Set(['longterm', 'shortterm']));
      assert.ok(!both.some((r) => r.id === 'lt-acme'), 'a closed chunk stays out without asOf');
    });
  });
}
