import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import type { ConsolidationConflicts } from '../src/consolidation/conflicts-types.js';
import type { ConsolidationPlan } from '../src/consolidation/plan.js';
import { json, scriptedModel, type Script } from './support/consolidation-model.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const template = { sections: [{ id: 'profile', title: 'Profile' }, { id: 'work', title: 'Work' }] };

const extraction = {
  entities: [
    { name: 'Alice Johnson', types: ['person'], description: 'The user', confidence: 0.9 },
    { name: 'Acme Corp', types: ['organization'], description: 'Her employer', confidence: 0.8 },
  ],
  relationships: [{ sourceName: 'Alice Johnson', targetName: 'Acme Corp', type: 'works_at', description: 'Alice works at Acme', confidence: 0.9, strength: 0.7 }],
};

/** The plan a careful model would write: summarised chunk text, merges into what exists. */
function carefulPlan(conflicts: ConsolidationConflicts): ConsolidationPlan {
  return {
    chunks: conflicts.sections.flatMap((s) => [
      ...s.existingChunks.map((c) => ({ action: 'delete' as const, chunkId: c.id })),
      { action: 'create' as const, sectionId: s.sectionId, content: `[memorizer] ${s.newChunks.join(' ')}` },
    ]),
    entities: conflicts.entities.map(({ extracted, matches }) =>
      matches[0]
        ? { action: 'merge' as const, targetId: matches[0].entityId, types: [...extracted.types, 'employee'], description: extracted.description, confidence: 0.5 }
        : { action: 'create' as const, ...extracted },
    ),
    relationships: conflicts.relationships.map(({ extracted, matches }) =>
      matches[0]
        ? { action: 'merge' as const, targetId: matches[0].relationshipId, type: extracted.type, description: extracted.description, confidence: 0.5, strength: 0.3 }
        : { action: 'create' as const, ...extracted },
    ),
  };
}

for (const kind of STORE_KINDS) {
  describe(`consolidation with a scripted model (${kind})`, () => {
    let mem: AgentMem;
    let script: Script;
    const { model, calls } = scriptedModel({ extraction: (p) => script.extraction(p), plan: (c) => script.plan(c) });
    before(async () => {
      mem = await openTestMem(kind, { llm: model, config: { avgSectionUpdateCountForConsolidation: 1, shorttermUpdateCountThreshold: 2, llmTimeoutMs: 400 } });
    });
    beforeEach(() => (calls.length = 0));
    after(() => mem.close());

    async function memoryWithUpdates(externalId: string) {
      const memory = await mem.createActiveMemory({ externalId, title: 'Alice', template });
      await mem.updateActiveMemorySections({
        externalId,
        memoryId: memory.id,
        sections: [
          { sectionId: 'profile', newContent: 'Alice Johnson lives in Paris.' },
          { sectionId: 'work', newContent: 'Alice Johnson works at Acme Corp.' },
        ],
      });
      await mem.whenIdle();
      return memory;
    }

    /** A second batch reaches both thresholds: background consolidation, promotion, then retrieval finds it. */
    async function promoteInBackground(externalId: string, memoryId: string) {
      await mem.updateActiveMemorySections({
        externalId,
        memoryId,
        sections: [
          { sectionId: 'profile', newContent: 'Alice Johnson moved to Lisbon.' },
          { sectionId: 'work', newContent: 'Alice Johnson works at Acme Corp.' },
        ],
      });
      await mem.whenIdle();
      const [promotion] = await mem.getConsolidationRuns({ externalId, kind: 'promotion' });
      assert.equal(promotion?.status, 'succeeded');
      const hits = await mem.retrieveMemories({ externalId, query: 'Where did Alice move?', tiers: ['longterm'] });
      assert.match(hits[0]!.content, /Lisbon/);
      const longterm = await mem.getLongTermMemory({ externalId });
      assert.ok(longterm.entities.some((e) => e.name === 'Alice Johnson'));
    }

    it('executes a valid plan: chunks as written, entities and relationships merged, then promoted', async () => {
      script = { extraction: () => json(extraction), plan: (c) => json(carefulPlan(c)) };
      const memory = await memoryWithUpdates('valid');
      assert.deepEqual(calls, ['extraction', 'plan']);
      const [first] = await mem.getConsolidationRuns({ externalId: 'valid', kind: 'consolidation' });
      assert.equal(first!.status, 'succeeded');
      assert.equal(first!.report.resolver, 'memorizer');
      assert.equal(first!.report.extractor, 'llm');
      const shortterm = await mem.getShortTermMemory({ externalId: 'valid', memoryId: memory.id });
      assert.deepEqual(shortterm.chunks.map((c) => c.content).sort(), ['[memorizer] Alice Johnson lives in Paris.', '[memorizer] Alice Johnson works at Acme Corp.']);
      assert.deepEqual(shortterm.entities.map((e) => e.name).sort(), ['Acme Corp', 'Alice Johnson']);

      await mem.updateActiveMemorySections({ externalId: 'valid', memoryId: memory.id, sections: [{ sectionId: 'work', newContent: 'Alice Johnson leads a team at Acme Corp.' }] });
      const second = await mem.consolidate({ externalId: 'valid', memoryId: memory.id });
      assert.equal(second.report.resolver, 'memorizer');
      assert.equal(second.counts.entitiesMerged, 2);
      assert.equal(second.counts.relationshipsMerged, 1);
      assert.equal(second.counts.chunksDeleted, 1);
      assert.ok(second.report.promotionRunId, 'the second consolidation reaches the promotion threshold');

      const longterm = await mem.getLongTermMemory({ externalId: 'valid' });
      assert.deepEqual(longterm.chunks.map((c) => c.content).sort(), ['[memorizer] Alice Johnson leads a team at Acme Corp.', '[memorizer] Alice Johnson lives in Paris.']);
      const alice = longterm.entities.find((e) => e.name === 'Alice Johnson')!;
      assert.deepEqual(alice.types, ['person', 'employee']);
      assert.ok(Math.abs(alice.confidence - (0.6 * 0.9 + 0.4 * 0.5)) < 1e-9, `merged confidence ${alice.confidence}`);
      const worksAt = longterm.relationships.find((r) => r.type === 'works_at')!;
      assert.ok(Math.abs(worksAt.strength - (0.6 * 0.7 + 0.4 * 0.3)) < 1e-9);
      const hits = await mem.retrieveMemories({ externalId: 'valid', query: 'Who leads a team at Acme?', tiers: ['longterm'] });
      assert.match(hits[0]!.content, /leads a team/);
    });

    it('falls back to the deterministic resolver when the plan names ids that do not exist', async () => {
      script = {
        extraction: () => json(extraction),
        plan: () => json({ chunks: [{ action: 'update', chunkId: 'no-such-chunk', content: 'x' }], entities: [{ action: 'merge', targetId: 'ghost', types: [], description: '', confidence: 1 }], relationships: [] }),
      };
      const memory = await memoryWithUpdates('unknown-ids');
      const [run] = await mem.getConsolidationRuns({ externalId: 'unknown-ids', kind: 'consolidation' });
      assert.equal(run!.status, 'succeeded');
      assert.equal(run!.report.resolver, 'deterministic');
      assert.match(String(run!.report.fallbackReason), /unknown chunk "no-such-chunk".*unknown entity "ghost"/);
      const shortterm = await mem.getShortTermMemory({ externalId: 'unknown-ids', memoryId: memory.id });
      assert.deepEqual(shortterm.chunks.map((c) => c.content).sort(), ['Alice Johnson lives in Paris.', 'Alice Johnson works at Acme Corp.']);
      assert.deepEqual(shortterm.entities.map((e) => e.name).sort(), ['Acme Corp', 'Alice Johnson'], 'the model extraction is still used');
      await promoteInBackground('unknown-ids', memory.id);
    });

    it('falls back when the plan does not match the schema', async () => {
      script = { extraction: () => json(extraction), plan: () => json({ chunks: [{ action: 'explode' }], entities: 'many' }) };
      const memory = await memoryWithUpdates('bad-schema');
      const [run] = await mem.getConsolidationRuns({ externalId: 'bad-schema', kind: 'consolidation' });
      assert.equal(run!.report.resolver, 'deterministic');
      assert.match(String(run!.report.fallbackReason), /^invalid: .*ConsolidationPlan schema/);
      assert.equal((await mem.getShortTermMemory({ externalId: 'bad-schema', memoryId: memory.id })).chunks.length, 2);
    });

    it('falls back to the heuristic extractor and the deterministic resolver when the model errors', async () => {
      script = { extraction: () => ({ error: new Error('rate limited') }), plan: () => ({ error: new Error('rate limited') }) };
      const memory = await memoryWithUpdates('model-error');
      const [run] = await mem.getConsolidationRuns({ externalId: 'model-error', kind: 'consolidation' });
      assert.equal(run!.status, 'succeeded');
      assert.equal(run!.report.extractor, 'heuristic');
      assert.match(String(run!.report.extractionFallbackReason), /^error: .*rate limited/);
      assert.equal(run!.report.resolver, 'deterministic');
      assert.match(String(run!.report.fallbackReason), /^error: .*rate limited/);
      const shortterm = await mem.getShortTermMemory({ externalId: 'model-error', memoryId: memory.id });
      assert.ok(shortterm.entities.some((e) => e.name === 'Alice Johnson' && e.types.includes('person')));
      await promoteInBackground('model-error', memory.id);
    });

    it('consolidates again a section rewritten during a consolidation: the threshold reached meanwhile waits in the store', async () => {
      const memory = await mem.createActiveMemory({ externalId: 'meanwhile', title: 'Alice', template });
      let rewritten = false;
      script = {
        extraction: async () => {
          if (!rewritten) {
            rewritten = true;
            await mem.updateActiveMemorySection({ externalId: 'meanwhile', memoryId: memory.id, sectionId: 'work', newContent: 'Alice Johnson now works at Initech.' });
          }
          return json(extraction);
        },
        plan: (c) => json(carefulPlan(c)),
      };
      await mem.updateActiveMemorySections({
        externalId: 'meanwhile',
        memoryId: memory.id,
        sections: [
          { sectionId: 'profile', newContent: 'Alice Johnson lives in Paris.' },
          { sectionId: 'work', newContent: 'Alice Johnson works at Acme Corp.' },
        ],
      });
      await mem.whenIdle();
      const runs = (await mem.getConsolidationRuns({ externalId: 'meanwhile', kind: 'consolidation' })).reverse();
      assert.deepEqual(runs.map((r) => [r.trigger, r.status, r.report.sections]), [['threshold', 'succeeded', ['profile', 'work']], ['threshold', 'succeeded', ['work']]]);
      assert.ok(runs[1]!.report.promotionRunId, 'the second consolidation promotes');
      const after = await mem.getActiveMemory({ externalId: 'meanwhile', memoryId: memory.id });
      assert.deepEqual(after.sections.map((s) => [s.id, s.updateCount]), [['profile', 0], ['work', 0]]);
      const longterm = await mem.getLongTermMemory({ externalId: 'meanwhile' });
      assert.ok(longterm.chunks.some((c) => c.content.includes('Initech')));
    });

    it('falls back when the model does not answer in time', async () => {
      script = { extraction: () => json(extraction), plan: () => 'hang' };
      const memory = await memoryWithUpdates('timeout');
      const [run] = await mem.getConsolidationRuns({ externalId: 'timeout', kind: 'consolidation' });
      assert.equal(run!.report.resolver, 'deterministic');
      assert.match(String(run!.report.fallbackReason), /^timeout: the model did not answer within 400 ms/);
      assert.equal((await mem.getShortTermMemory({ externalId: 'timeout', memoryId: memory.id })).chunks.length, 2);
    });
  });
}
