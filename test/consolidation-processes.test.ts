import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { AgentMem, type AgentMemOptions } from '../src/agent-mem.js';
import { LOCK_HELD_REASON, NOTHING_TO_DO_REASON } from '../src/consolidation/consolidation-engine.js';
import type { ConsolidationRun } from '../src/model/run.js';
import { Child } from './support/child.js';
import { STORE_KINDS, testLocation } from './support/stores.js';

const CHILD = 'test/support/consolidation-child.ts';

const template = { sections: [{ id: 'profile' }, { id: 'work' }, { id: 'plans' }] };
const content = {
  profile: 'Alice Johnson lives in Paris.',
  work: 'Alice Johnson works at Google with Bob Smith.',
  plans: 'Alice wants to visit Kyoto in April.',
};

async function prepare(location: Pick<AgentMemOptions, 'dataDir' | 'databaseUrl'>) {
  const mem = await AgentMem.open({ ...location, config: { avgSectionUpdateCountForConsolidation: 100 } });
  const memory = await mem.createActiveMemory({ externalId: 'shared', title: 'Alice', template });
  await mem.updateActiveMemorySections({ externalId: 'shared', memoryId: memory.id, sections: Object.entries(content).map(([sectionId, newContent]) => ({ sectionId, newContent })) });
  return { mem, memoryId: memory.id };
}

for (const kind of STORE_KINDS) {
  describe(`consolidation across processes (${kind})`, () => {
    it('two processes consolidate one memory at once: exactly one runs, nothing is duplicated', async () => {
      const location = await testLocation(kind);
      const { mem, memoryId } = await prepare(location);
      try {
        const children = [0, 1].map(() => new Child(CHILD, { location, externalId: 'shared', memoryId, mode: 'consolidate' }));
        await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
        children.forEach((c) => c.go());
        const runs = await Promise.all(children.map(async (c) => JSON.parse(await c.waitFor((l) => l.startsWith('{'))) as ConsolidationRun));
        assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0]);

        assert.deepEqual(runs.map((r) => r.status).sort(), ['skipped', 'succeeded']);
        const skipped = runs.find((r) => r.status === 'skipped')!;
        assert.ok([LOCK_HELD_REASON, NOTHING_TO_DO_REASON].includes(String(skipped.report.reason)), String(skipped.report.reason));
        const recorded = await mem.getConsolidationRuns({ externalId: 'shared', memoryId });
        assert.deepEqual(recorded.map((r) => r.status).sort(), ['skipped', 'succeeded']);

        const shortterm = await mem.getShortTermMemory({ externalId: 'shared', memoryId });
        assert.equal(shortterm.updateCount, 1);
        assert.deepEqual(shortterm.chunks.map((c) => c.content).sort(), Object.values(content).sort());
        assert.equal(shortterm.entities.length, new Set(shortterm.entities.map((e) => e.name.toLowerCase())).size);
        const indexed = await mem.retrieveMemories({ externalId: 'shared', query: 'Alice Johnson Paris Google Kyoto', tiers: ['shortterm'], limit: 20 });
        assert.equal(indexed.length, 3);
      } finally {
        await mem.close();
      }
    });

    it('a process killed during consolidation leaves nothing half-written; the next trigger completes it', async () => {
      const location = await testLocation(kind);
      const { mem, memoryId } = await prepare(location);
      try {
        const child = new Child(CHILD, { location, externalId: 'shared', memoryId, mode: 'hang' });
        await child.waitFor((l) => l === 'ready');
        child.go();
        await child.waitFor((l) => l === 'in-llm');
        child.kill();
        await child.exited;

        const [dead] = await mem.getConsolidationRuns({ externalId: 'shared', memoryId });
        assert.equal(dead!.status, 'running');
        assert.equal((await mem.getShortTermMemory({ externalId: 'shared', memoryId })).id, null);
        assert.ok((await mem.getActiveMemory({ externalId: 'shared', memoryId })).sections.every((s) => s.updateCount === 1));

        // The dead holder's lease lapses after its lockTtlSeconds; until then a trigger is skipped and says so.
        let run: ConsolidationRun;
        for (;;) {
          run = await mem.consolidate({ externalId: 'shared', memoryId });
          if (run.status !== 'skipped') break;
          assert.equal(run.report.reason, LOCK_HELD_REASON);
          await sleep(250);
        }
        assert.equal(run.status, 'succeeded');
        assert.deepEqual(run.report.abandonedRuns, [dead!.id]);
        const marked = await mem.getConsolidationRun({ externalId: 'shared', runId: dead!.id });
        assert.equal(marked.status, 'abandoned');
        assert.match(marked.error!, /process running it stopped/);
        const shortterm = await mem.getShortTermMemory({ externalId: 'shared', memoryId });
        assert.deepEqual(shortterm.chunks.map((c) => c.content).sort(), Object.values(content).sort());
        assert.equal(shortterm.updateCount, 1);
      } finally {
        await mem.close();
      }
    });
  });
}
