import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { NotFoundError, ValidationError } from '../src/errors.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const template = { sections: [{ id: 'goals', title: 'Goals' }, { id: 'facts', title: 'Facts' }, { id: 'plan' }] };

for (const kind of STORE_KINDS) {
  describe(`active memory API (${kind})`, () => {
    let mem: AgentMem;
    before(async () => (mem = await openTestMem(kind, { tenantId: 'acme', config: { avgSectionUpdateCountForConsolidation: 2 } })));
    after(() => mem.close());

    it('creates a memory from a template with initial sections', async () => {
      const created = await mem.createActiveMemory({ externalId: 'agent-1', title: 'Trip planning', template, initialSections: { goals: 'Plan a trip to Japan' }, metadata: { owner: 'x' } });
      assert.equal(created.tenantId, 'acme');
      assert.deepEqual(created.sections.map((s) => [s.id, s.content, s.updateCount]), [['goals', 'Plan a trip to Japan', 0], ['facts', '', 0], ['plan', '', 0]]);
      assert.deepEqual(await mem.getActiveMemory({ externalId: 'agent-1', memoryId: created.id }), created);
      assert.ok((await mem.getActiveMemories({ externalId: 'agent-1' })).some((m) => m.id === created.id));
    });

    it('takes section ids named like members of every object (constructor, toString) as plain ids', async () => {
      const created = await mem.createActiveMemory({
        externalId: 'agent-proto',
        title: 'T',
        template: { sections: [{ id: 'constructor' }, { id: 'toString' }, { id: 'hasOwnProperty' }] },
        initialSections: { toString: 'given' },
      });
      assert.deepEqual(created.sections.map((s) => [s.id, s.content]), [['constructor', ''], ['toString', 'given'], ['hasOwnProperty', '']]);
      const updated = await mem.updateActiveMemorySections({ externalId: 'agent-proto', memoryId: created.id, sections: [{ sectionId: 'constructor', newContent: 'built' }] });
      assert.deepEqual(updated.memory.sections.map((s) => s.content), ['built', 'given', '']);
    });

    it('updates a batch of sections atomically and reports the consolidation threshold', async () => {
      const created = await mem.createActiveMemory({ externalId: 'agent-2', title: 'T', template });
      const first = await mem.updateActiveMemorySections({
        externalId: 'agent-2',
        memoryId: created.id,
        sections: [{ sectionId: 'goals', newContent: 'Visit Kyoto' }, { sectionId: 'plan', newContent: 'Book flights' }],
      });
      assert.deepEqual(first.memory.sections.map((s) => s.updateCount), [1, 0, 1]);
      assert.deepEqual(first.consolidationInfo, { totalUpdateCount: 2, threshold: 6, willConsolidate: false });
      const second = await mem.updateActiveMemorySection({ externalId: 'agent-2', memoryId: created.id, sectionId: 'goals', newContent: 'Visit Kyoto and Osaka' });
      assert.equal(second.memory.sections[0]!.content, 'Visit Kyoto and Osaka');
      assert.equal(second.memory.sections[0]!.updateCount, 2);
      assert.equal(second.consolidationInfo.totalUpdateCount, 3);
    });

    it('rejects an unknown section id without writing any section of the batch', async () => {
      const created = await mem.createActiveMemory({ externalId: 'agent-3', title: 'T', template });
      await assert.rejects(
        mem.updateActiveMemorySections({
          externalId: 'agent-3',
          memoryId: created.id,
          sections: [{ sectionId: 'goals', newContent: 'changed' }, { sectionId: 'nope', newContent: 'x' }],
        }),
        (error: unknown) => error instanceof ValidationError && /no section "nope"/.test(error.message) && error.message.includes(created.id),
      );
      const after = await mem.getActiveMemory({ externalId: 'agent-3', memoryId: created.id });
      assert.deepEqual(after.sections.map((s) => [s.content, s.updateCount]), [['', 0], ['', 0], ['', 0]]);
    });

    it('rejects an empty batch, a duplicate section and a bad template', async () => {
      const created = await mem.createActiveMemory({ externalId: 'agent-4', title: 'T', template });
      await assert.rejects(mem.updateActiveMemorySections({ externalId: 'agent-4', memoryId: created.id, sections: [] }), /sections: needs at least one section update/);
      await assert.rejects(
        mem.updateActiveMemorySections({ externalId: 'agent-4', memoryId: created.id, sections: [{ sectionId: 'goals', newContent: 'a' }, { sectionId: 'goals', newContent: 'b' }] }),
        ValidationError,
      );
      await assert.rejects(mem.createActiveMemory({ externalId: 'agent-4', title: 'T', template: { sections: [] } }), /template.sections: needs at least one section/);
      await assert.rejects(mem.createActiveMemory({ externalId: 'agent-4', title: 'T', template, initialSections: { nope: 'x' } }), /initialSections names sections not in the template: nope/);
      await assert.rejects(mem.createActiveMemory({ externalId: '', title: 'T', template }), /externalId/);
      assert.equal((await mem.getActiveMemories({ externalId: 'agent-4' })).length, 1);
    });

    it('hides a memory from another agent and from another tenant', async () => {
      const created = await mem.createActiveMemory({ externalId: 'owner', title: 'T', template });
      const update = { memoryId: created.id, sections: [{ sectionId: 'goals', newContent: 'stolen' }] };
      await assert.rejects(mem.updateActiveMemorySections({ externalId: 'intruder', ...update }), (e: unknown) => e instanceof NotFoundError && /externalId "intruder"/.test((e as Error).message));
      const otherTenant = mem.forTenant('globex');
      await assert.rejects(otherTenant.getActiveMemory({ externalId: 'owner', memoryId: created.id }), NotFoundError);
      await assert.rejects(otherTenant.updateActiveMemorySections({ externalId: 'owner', ...update }), NotFoundError);
      await assert.rejects(otherTenant.deleteActiveMemory({ externalId: 'owner', memoryId: created.id }), NotFoundError);
      assert.equal((await mem.getActiveMemory({ externalId: 'owner', memoryId: created.id })).sections[0]!.content, '');
    });

    it('deletes a memory', async () => {
      const created = await mem.createActiveMemory({ externalId: 'agent-5', title: 'T', template });
      await mem.deleteActiveMemory({ externalId: 'agent-5', memoryId: created.id });
      await assert.rejects(mem.getActiveMemory({ externalId: 'agent-5', memoryId: created.id }), NotFoundError);
      await assert.rejects(mem.deleteActiveMemory({ externalId: 'agent-5', memoryId: created.id }), NotFoundError);
    });
  });
}
