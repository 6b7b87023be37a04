import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/port.js';
import { T0, activeMemory, scope } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): active, short-term and long-term tiers`, () => {
    let store: Store;
    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    it('stores an active memory and returns its sections in template order', async () => {
      const s = scope(randomUUID());
      const memory = activeMemory(s, ['zeta', 'alpha', 'mid']);
      await store.active.insert(memory);
      const loaded = await store.active.get(s, memory.id);
      assert.deepEqual(loaded?.sections.map((x) => x.id), ['zeta', 'alpha', 'mid']);
      assert.deepEqual(loaded?.metadata, { purpose: 'test' });
      assert.equal((await store.active.list(s)).length, 1);
    });

    it('updates sections, counting each update, and resets the counts', async () => {
      const s = scope(randomUUID());
      const memory = activeMemory(s);
      await store.active.insert(memory);
      const changed = await store.active.updateSections(s, memory.id, [{ sectionId: 'goals', newContent: 'ship v1' }], '2026-01-02T00:00:00.000Z');
      await store.active.updateSections(s, memory.id, [{ sectionId: 'goals', newContent: 'ship v2' }], '2026-01-03T00:00:00.000Z');
      assert.equal(changed, 1);
      const loaded = (await store.active.get(s, memory.id))!;
      assert.equal(loaded.sections[0]!.content, 'ship v2');
      assert.equal(loaded.sections[0]!.updateCount, 2);
      assert.equal(loaded.sections[1]!.updateCount, 0);
      assert.equal(loaded.updatedAt, '2026-01-03T00:00:00.000Z');
      await store.active.resetUpdateCounts(s, memory.id, '2026-01-04T00:00:00.000Z');
      assert.deepEqual((await store.active.get(s, memory.id))!.sections.map((x) => x.updateCount), [0, 0]);
    });

    it('never returns or changes another scope’s active memory', async () => {
      const mine = scope(randomUUID());
      const memory = activeMemory(mine);
      await store.active.insert(memory);
      for (const other of [scope(mine.externalId, 'tenant-b'), scope('someone-else', mine.tenantId)]) {
        assert.equal(await store.active.get(other, memory.id), undefined);
        assert.equal(await store.active.updateSections(other, memory.id, [{ sectionId: 'goals', newContent: 'x' }], T0), 0);
        assert.equal(await store.active.delete(other, memory.id), false);
      }
      assert.equal((await store.active.get(mine, memory.id))!.sections[0]!.content, '');
      assert.equal(await store.active.delete(mine, memory.id), true);
      assert.equal(await store.active.get(mine, memory.id), undefined);
    });

    it('keeps short-term chunks, entities and relationships per memory and deletes them together', async () => {
      const s = scope(randomUUID());
      const stId = randomUUID();
      await store.shortterm.insert({ id: stId, ...s, activeMemoryId: 'm1', updateCount: 0, metadata: {}, createdAt: T0, updatedAt: T0 });
      await store.shortterm.insertChunks([{ id: 'c1-' + stId, shorttermId: stId, ...s, sectionId: 'goals', content: 'Alice leads the project', metadata: {}, createdAt: T0, updatedAt: T0 }]);
      await store.graph('shortterm').insertEntities([{ id: 'e1-' + stId, shorttermId: stId, ...s, name: 'Alice', types: ['person'], description: '', confidence: 0.7, metadata: {}, createdAt: T0, updatedAt: T0 }]);
      await store.graph('shortterm').insertRelationships([
        { id: 'r1-' + stId, shorttermId: stId, ...s, sourceName: 'Alice', targetName: 'Project', type: 'leads', description: '', confidence: 0.6, strength: 0.5, metadata: {}, createdAt: T0, updatedAt: T0 },
      ]);
      await store.shortterm.update(s, stId, { updateCount: 3, metadata: { promotionHistory: [] } }, T0);
      await store.graph('shortterm').updateEntity(s, 'e1-' + stId, { types: ['person', 'lead'], confidence: 0.8 }, T0);
      const st = (await store.shortterm.getForMemory(s, 'm1'))!;
      assert.equal(st.updateCount, 3);
      assert.deepEqual((await store.graph('shortterm').listEntities(s, { shorttermId: stId }))[0]!.types, ['person', 'lead']);
      assert.equal((await store.shortterm.listChunks(s, { sectionId: 'goals' })).length, 1);
      assert.equal((await store.graph('shortterm').listRelationships(s))[0]!.type, 'leads');
      assert.equal((await store.shortterm.listChunks(scope(s.externalId, 'tenant-b'))).length, 0);
      await store.shortterm.deleteForMemory(s, 'm1');
      assert.equal(await store.shortterm.getForMemory(s, 'm1'), undefined);
      assert.equal((await store.shortterm.listChunks(s)).length, 0);
      assert.equal((await store.graph('shortterm').listEntities(s)).length, 0);
    });

    it('answers which long-term chunks were valid at a date', async () => {
      const s = scope(randomUUID());
      const base = { ...s, activeMemoryId: 'm1', sectionId: 'job', confidence: 0.8, importance: 0.5, sourceShorttermId: null, metadata: {}, createdAt: T0 };
      await store.longterm.insertChunks([{ ...base, id: randomUUID(), content: 'works at Acme', startDate: '2026-01-01T00:00:00.000Z', endDate: null, lastUpdated: T0 }]);
      const [old] = await store.longterm.listChunks(s);
      await store.longterm.closeChunk(s, old!.id, '2026-03-01T00:00:00.000Z');
      await store.longterm.insertChunks([{ ...base, id: randomUUID(), content: 'works at Globex', startDate: '2026-03-01T00:00:00.000Z', endDate: null, lastUpdated: T0 }]);
      assert.deepEqual((await store.longterm.listChunks(s)).map((c) => c.content), ['works at Globex']);
      assert.deepEqual((await store.longterm.listChunks(s, { asOf: '2026-02-01T00:00:00.000Z' })).map((c) => c.content), ['works at Acme']);
      assert.deepEqual((await store.longterm.listChunks(s, { includeEnded: true })).map((c) => c.content), ['works at Acme', 'works at Globex']);
      assert.equal((await store.longterm.getChunks(scope(s.externalId, 'tenant-b'), [old!.id])).length, 0);
    });

    it('keeps long-term entities and relationships with their metadata history', async () => {
      const s = scope(randomUUID());
      const id = randomUUID();
      await store.graph('longterm').insertEntities([{ id, ...s, name: 'Bob', types: ['person'], description: 'a friend', confidence: 0.5, metadata: { stateHistory: [] }, createdAt: T0, updatedAt: T0 }]);
      await store.graph('longterm').updateEntity(s, id, { confidence: 0.9, metadata: { stateHistory: [{ confidence: 0.9 }] } }, '2026-02-01T00:00:00.000Z');
      const [bob] = await store.graph('longterm').listEntities(s);
      assert.equal(bob!.confidence, 0.9);
      assert.deepEqual(bob!.metadata, { stateHistory: [{ confidence: 0.9 }] });
      const relId = randomUUID();
      await store.graph('longterm').insertRelationships([
        { id: relId, ...s, sourceName: 'Bob', targetName: 'Alice', type: 'knows', description: '', confidence: 0.5, strength: 0.4, metadata: {}, startDate: T0, endDate: null, createdAt: T0, updatedAt: T0 },
      ]);
      await store.graph('longterm').updateRelationship(s, relId, { strength: 0.7, endDate: '2026-05-01T00:00:00.000Z' }, T0);
      const [rel] = await store.graph('longterm').listRelationships(s);
      assert.equal(rel!.strength, 0.7);
      assert.equal(rel!.endDate, '2026-05-01T00:00:00.000Z');
    });
  });
}
