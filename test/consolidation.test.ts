import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import type { Embedder } from '../src/ai/embedder.js';
import { NotFoundError, ValidationError } from '../src/errors.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const template = { sections: [{ id: 'profile', title: 'Profile' }, { id: 'work', title: 'Work' }, { id: 'plans', title: 'Plans' }] };
const firstContent = {
  profile: 'Alice Johnson lives in Paris with her cat.',
  work: 'Alice Johnson works at Google with Bob Smith.',
  plans: 'Alice wants to visit Kyoto in April.',
};

/**
 * The real local embedder, failing on demand for chunk text (section text carries its title first,
 * so the update itself still embeds): a consolidation that breaks midway.
 */
class SwitchableEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  private readonly inner = new LocalEmbedder();
  readonly id = this.inner.id;
  readonly dimensions = this.inner.dimensions;
  failing = false;

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.failing && texts.some((t) => t.startsWith('Alice flies to Mars'))) return Promise.reject(new Error('embedding service is down'));
    return this.inner.embed(texts);
  }
}

for (const kind of STORE_KINDS) {
  describe(`consolidation without a model (${kind})`, () => {
    let mem: AgentMem;
    const embedder = new SwitchableEmbedder();
    before(async () => {
      mem = await openTestMem(kind, { embedder, config: { avgSectionUpdateCountForConsolidation: 1, shorttermUpdateCountThreshold: 3 } });
    });
    after(() => mem.close());

    async function createMemory(externalId: string) {
      return mem.createActiveMemory({ externalId, title: 'About Alice', template });
    }

    async function updateAll(externalId: string, memoryId: string, content: Record<string, string>) {
      return mem.updateActiveMemorySections({ externalId, memoryId, sections: Object.entries(content).map(([sectionId, newContent]) => ({ sectionId, newContent })) });
    }

    it('consolidates in the background when a batch update reaches the threshold', async () => {
      const memory = await createMemory('bg');
      const result = await updateAll('bg', memory.id, firstContent);
      assert.equal(result.consolidationInfo.willConsolidate, true);
      await mem.whenIdle();

      const [run, ...others] = await mem.getConsolidationRuns({ externalId: 'bg', memoryId: memory.id });
      assert.equal(others.length, 0);
      assert.equal(run!.status, 'succeeded');
      assert.equal(run!.trigger, 'threshold');
      assert.equal(run!.report.resolver, 'deterministic');
      assert.equal(run!.report.extractor, 'heuristic');
      assert.equal(run!.counts.sectionsConsolidated, 3);
      assert.deepEqual(await mem.getConsolidationRun({ externalId: 'bg', runId: run!.id }), run);

      const shortterm = await mem.getShortTermMemory({ externalId: 'bg', memoryId: memory.id });
      assert.equal(shortterm.updateCount, 1);
      assert.deepEqual(shortterm.chunks.map((c) => [c.sectionId, c.content]).sort(), Object.entries(firstContent).sort());
      const names = shortterm.entities.map((e) => e.name);
      for (const expected of ['Alice Johnson', 'Paris', 'Google', 'Bob Smith', 'Kyoto']) assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
      assert.deepEqual(shortterm.entities.find((e) => e.name === 'Paris')!.types, ['place']);
      assert.ok(shortterm.relationships.some((r) => [r.sourceName, r.targetName].includes('Google') && [r.sourceName, r.targetName].includes('Bob Smith')));
      assert.ok((await mem.getActiveMemory({ externalId: 'bg', memoryId: memory.id })).sections.every((s) => s.updateCount === 0));

      const hits = await mem.retrieveMemories({ externalId: 'bg', query: 'Where does Alice live?', tiers: ['shortterm'] });
      assert.equal(hits[0]!.tier, 'shortterm');
      assert.match(hits[0]!.content, /Paris/);
    });

    it('keeps unchanged chunks, rewrites changed ones and merges entities on the next consolidation', async () => {
      const memory = await createMemory('again');
      await updateAll('again', memory.id, firstContent);
      await mem.whenIdle();
      const before = await mem.getShortTermMemory({ externalId: 'again', memoryId: memory.id });
      await mem.updateActiveMemorySections({
        externalId: 'again',
        memoryId: memory.id,
        sections: [{ sectionId: 'plans', newContent: 'Alice wants to visit Kyoto and Osaka in April.' }],
      });
      const run = await mem.consolidate({ externalId: 'again', memoryId: memory.id });
      assert.equal(run.status, 'succeeded');
      assert.deepEqual(run.report.sections, ['plans']);
      const after = await mem.getShortTermMemory({ externalId: 'again', memoryId: memory.id });
      assert.equal(after.chunks.length, 3);
      const plans = after.chunks.filter((c) => c.sectionId === 'plans');
      assert.deepEqual(plans.map((c) => c.content), ['Alice wants to visit Kyoto and Osaka in April.']);
      assert.equal(after.entities.filter((e) => e.name.toLowerCase() === 'kyoto').length, 1);
      assert.equal(after.entities.length, new Set(after.entities.map((e) => e.name.toLowerCase())).size);
      assert.ok(after.entities.length > before.entities.length);
    });

    it('promotes at the short-term threshold: long-term knowledge, history, and closed superseded chunks', async () => {
      const memory = await createMemory('promo');
      for (const content of [firstContent, firstContent, { ...firstContent, profile: 'Alice Johnson lives in Berlin with her cat.' }]) {
        await updateAll('promo', memory.id, content);
        await mem.whenIdle();
      }

      const runs = await mem.getConsolidationRuns({ externalId: 'promo', memoryId: memory.id });
      const promotion = runs.find((r) => r.kind === 'promotion');
      assert.equal(promotion?.status, 'succeeded');
      assert.equal(runs.find((r) => r.kind === 'consolidation' && r.report.promotionRunId === promotion.id)?.status, 'succeeded');

      const shortterm = await mem.getShortTermMemory({ externalId: 'promo', memoryId: memory.id });
      assert.equal(shortterm.chunks.length, 0);
      assert.equal(shortterm.updateCount, 0);
      const history = shortterm.metadata.promotionHistory as Array<Record<string, number>>;
      assert.equal(history.length, 1);
      assert.equal(history[0]!.chunksAdded, 3);
      assert.equal(history[0]!.entitiesAdded, shortterm.entities.length);

      const longterm = await mem.getLongTermMemory({ externalId: 'promo' });
      assert.deepEqual(longterm.chunks.map((c) => c.content).sort(), Object.values({ ...firstContent, profile: 'Alice Johnson lives in Berlin with her cat.' }).sort());
      assert.ok(longterm.chunks.every((c) => c.activeMemoryId === memory.id && c.endDate === null && c.lastUpdated));
      const alice = longterm.entities.find((e) => e.name === 'Alice Johnson')!;
      assert.deepEqual(alice.types, ['person']);
      assert.equal((alice.metadata.stateHistory as unknown[]).length, 1);

      const hits = await mem.retrieveMemories({ externalId: 'promo', query: 'Where does Alice live?', tiers: ['longterm'] });
      assert.match(hits[0]!.content, /Berlin/);

      // A second promotion: the profile changes again and the old long-term chunk is closed, not deleted.
      const beforeMove = longterm.chunks.find((c) => c.sectionId === 'profile')!;
      const moved = { ...firstContent, profile: 'Alice Johnson moved to Lisbon.' };
      for (const content of [moved, moved, { ...moved, plans: 'Alice plans a trip to Porto.' }]) {
        await updateAll('promo', memory.id, content);
        await mem.whenIdle();
      }
      const now = await mem.getLongTermMemory({ externalId: 'promo' });
      assert.deepEqual(now.chunks.filter((c) => c.sectionId === 'profile').map((c) => c.content), ['Alice Johnson moved to Lisbon.']);
      const all = await mem.getLongTermMemory({ externalId: 'promo', includeEnded: true });
      const closed = all.chunks.find((c) => c.id === beforeMove.id)!;
      assert.ok(closed.endDate && closed.endDate >= closed.startDate);
      const then = await mem.getLongTermMemory({ externalId: 'promo', asOf: beforeMove.startDate });
      assert.ok(then.chunks.some((c) => c.id === beforeMove.id));
      assert.ok(!then.chunks.some((c) => c.content.includes('Lisbon')));
      const work = all.chunks.filter((c) => c.sectionId === 'work');
      assert.equal(work.length, 1, 'an unchanged chunk is not copied twice');
      const portoHits = await mem.retrieveMemories({ externalId: 'promo', query: 'trip to Porto', tiers: ['longterm'] });
      assert.match(portoHits[0]!.content, /Porto/);
      const promotions = (await mem.getShortTermMemory({ externalId: 'promo', memoryId: memory.id })).metadata.promotionHistory as unknown[];
      assert.equal(promotions.length, 2);
    });

    it('closes the long-term chunks of a section the agent emptied', async () => {
      const memory = await createMemory('emptied');
      const emptied = { ...firstContent, plans: '' };
      for (const content of [firstContent, firstContent, firstContent, emptied, emptied, emptied]) {
        await updateAll('emptied', memory.id, content);
        await mem.whenIdle();
      }
      const promotions = await mem.getConsolidationRuns({ externalId: 'emptied', kind: 'promotion' });
      assert.deepEqual(promotions.map((r) => [r.status, r.counts.chunksClosed]), [['succeeded', 1], ['succeeded', 0]]);
      const now = await mem.getLongTermMemory({ externalId: 'emptied' });
      assert.deepEqual(now.chunks.map((c) => c.sectionId).sort(), ['profile', 'work']);
      const all = await mem.getLongTermMemory({ externalId: 'emptied', includeEnded: true });
      assert.ok(all.chunks.find((c) => c.sectionId === 'plans')!.endDate);
    });

    it('records a failing background consolidation as a failed run and never fails the update', async () => {
      const memory = await createMemory('fails');
      embedder.failing = true;
      try {
        const result = await updateAll('fails', memory.id, { profile: 'Alice', work: 'Alice', plans: 'Alice flies to Mars.' });
        assert.equal(result.consolidationInfo.willConsolidate, true);
        await mem.whenIdle();
      } finally {
        embedder.failing = false;
      }
      const [run] = await mem.getConsolidationRuns({ externalId: 'fails', memoryId: memory.id });
      assert.equal(run!.status, 'failed');
      assert.match(run!.error!, /embedding service is down/);
      const shortterm = await mem.getShortTermMemory({ externalId: 'fails', memoryId: memory.id });
      assert.equal(shortterm.id, null, 'nothing was written');
      assert.ok((await mem.getActiveMemory({ externalId: 'fails', memoryId: memory.id })).sections.every((s) => s.updateCount === 1));
      // The next trigger completes it.
      const retry = await mem.consolidate({ externalId: 'fails', memoryId: memory.id });
      assert.equal(retry.status, 'succeeded');
      assert.equal((await mem.getShortTermMemory({ externalId: 'fails', memoryId: memory.id })).chunks.length, 3);
    });

    it('skips when no section changed, and rejects bad input and other scopes', async () => {
      const memory = await createMemory('idle');
      const run = await mem.consolidate({ externalId: 'idle', memoryId: memory.id });
      assert.equal(run.status, 'skipped');
      assert.match(String(run.report.reason), /no section has changed/);
      await assert.rejects(mem.consolidate({ externalId: 'someone-else', memoryId: memory.id }), NotFoundError);
      await assert.rejects(mem.forTenant('other').consolidate({ externalId: 'idle', memoryId: memory.id }), NotFoundError);
      await assert.rejects(mem.consolidate({ externalId: '', memoryId: memory.id }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.field === 'externalId');
      await assert.rejects(mem.getConsolidationRuns({ externalId: 'idle', kind: 'nope' as 'sleep' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.field === 'kind');
      await assert.rejects(mem.getLongTermMemory({ externalId: 'idle', asOf: 'yesterday' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.field === 'asOf');
      await assert.rejects(mem.getConsolidationRun({ externalId: 'other', runId: run.id }), NotFoundError);
      assert.equal((await mem.getConsolidationRuns({ externalId: 'other' })).length, 0);
    });
  });
}
