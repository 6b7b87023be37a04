import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { mergeScore } from '../src/consolidation/merge-rules.js';
import { json, scriptedModel } from './support/consolidation-model.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

/** What the scripted model extracts in each round: Alice's type and confidence change every time. */
const rounds = [
  { type: 'person', confidence: 0.9, strength: 0.4 },
  { type: 'engineer', confidence: 0.5, strength: 0.8 },
  { type: 'parent', confidence: 0.7, strength: 0.6 },
];

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

for (const kind of STORE_KINDS) {
  describe(`promotion (${kind})`, () => {
    let mem: AgentMem;
    let round = 0;
    const { model } = scriptedModel({
      extraction: () => {
        const r = rounds[round]!;
        return json({
          entities: [{ name: round === 1 ? 'alice johnson' : 'Alice Johnson', types: [r.type], description: `round ${round}`, confidence: r.confidence }],
          relationships: [{ sourceName: 'Alice Johnson', targetName: 'Acme', type: 'works_at', description: '', confidence: r.confidence, strength: r.strength }],
        });
      },
      plan: () => ({ error: new Error('no plans today') }),
    });
    before(async () => {
      mem = await openTestMem(kind, { llm: model, config: { avgSectionUpdateCountForConsolidation: 100, shorttermUpdateCountThreshold: 1, historyLimit: 2 } });
    });
    after(() => mem.close());

    it('merges entities and relationships by name across promotions, with bounded history', async () => {
      const memory = await mem.createActiveMemory({ externalId: 'alice', title: 'Alice', template: { sections: [{ id: 'profile' }] } });
      for (round = 0; round < rounds.length; round++) {
        await mem.updateActiveMemorySection({ externalId: 'alice', memoryId: memory.id, sectionId: 'profile', newContent: `Alice Johnson, round ${round}.` });
        const run = await mem.consolidate({ externalId: 'alice', memoryId: memory.id });
        assert.ok(run.report.promotionRunId, `round ${round} promotes`);
      }

      // Expected values follow the rules: short-term merges first, then promotion merges into long-term.
      let shortConfidence = rounds[0]!.confidence;
      let shortStrength = rounds[0]!.strength;
      let longConfidence = shortConfidence;
      let longStrength = shortStrength;
      for (const r of rounds.slice(1)) {
        shortConfidence = mergeScore(shortConfidence, r.confidence);
        shortStrength = mergeScore(shortStrength, r.strength);
        longConfidence = mergeScore(longConfidence, shortConfidence);
        longStrength = mergeScore(longStrength, shortStrength);
      }

      const longterm = await mem.getLongTermMemory({ externalId: 'alice' });
      assert.equal(longterm.entities.length, 1, 'matched by name, case-insensitively');
      const alice = longterm.entities[0]!;
      assert.deepEqual(alice.types, ['person', 'engineer', 'parent']);
      close(alice.confidence, longConfidence);
      const history = alice.metadata.stateHistory as Array<{ oldTypes: string[]; newTypes: string[]; newConfidence: number; sourceShorttermId: string }>;
      assert.equal(history.length, 2, 'only the newest historyLimit entries are kept');
      assert.deepEqual(history.map((h) => h.newTypes), [['person', 'engineer'], ['person', 'engineer', 'parent']]);
      assert.deepEqual(history[1]!.oldTypes, ['person', 'engineer']);
      close(history[1]!.newConfidence, longConfidence);

      assert.equal(longterm.relationships.length, 1);
      const worksAt = longterm.relationships[0]!;
      close(worksAt.strength, longStrength);
      assert.equal((worksAt.metadata.stateHistory as unknown[]).length, 2);

      const shortterm = await mem.getShortTermMemory({ externalId: 'alice', memoryId: memory.id });
      assert.equal(shortterm.chunks.length, 0);
      assert.equal(shortterm.updateCount, 0);
      const promotions = shortterm.metadata.promotionHistory as Array<{ chunksAdded: number; chunksClosed: number; entitiesModified: number }>;
      assert.equal(promotions.length, 2);
      assert.deepEqual(promotions.map((p) => [p.chunksAdded, p.chunksClosed, p.entitiesModified]), [[1, 1, 1], [1, 1, 1]]);
      assert.equal(history[0]!.sourceShorttermId, shortterm.id);

      const all = await mem.getLongTermMemory({ externalId: 'alice', includeEnded: true });
      assert.equal(all.chunks.length, 3);
      assert.deepEqual(all.chunks.filter((c) => c.endDate === null).map((c) => c.content), ['Alice Johnson, round 2.']);
      const promotionRuns = await mem.getConsolidationRuns({ externalId: 'alice', kind: 'promotion' });
      assert.deepEqual(promotionRuns.map((r) => r.status), ['succeeded', 'succeeded', 'succeeded']);
    });

    it('keeps long-term memory per tenant and per agent', async () => {
      assert.deepEqual(await mem.forTenant('other').getLongTermMemory({ externalId: 'alice' }), { chunks: [], entities: [], relationships: [] });
      assert.deepEqual(await mem.getLongTermMemory({ externalId: 'bob' }), { chunks: [], entities: [], relationships: [] });
      const hits = await mem.forTenant('other').retrieveMemories({ externalId: 'alice', query: 'Alice Johnson', tiers: ['longterm'] });
      assert.equal(hits.length, 0);
    });
  });
}
