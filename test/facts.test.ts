import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import { NotFoundError, ValidationError } from '../src/errors.js';
import { STORE_KINDS, testLocation } from './support/stores.js';

/** A clock the test moves forward by hand. */
function manualClock(start = '2026-03-01T00:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

for (const kind of STORE_KINDS) {
  describe(`semantic facts (${kind})`, () => {
    const clock = manualClock();
    let location: Awaited<ReturnType<typeof testLocation>>;
    let mem: AgentMem;
    before(async () => {
      location = await testLocation(kind);
      mem = await AgentMem.open({ ...location, tenantId: 'acme', now: clock.now });
    });
    after(() => mem.close());

    it('puts and gets a fact with its defaults', async () => {
      const fact = await mem.putFact({ externalId: 'u1', key: 'user.city', value: 'Lisbon', subject: 'user', predicate: 'lives_in', evidenceIds: ['e1'] });
      assert.equal(fact.category, 'general');
      assert.equal(fact.confidence, 1);
      assert.equal(fact.validTo, null);
      assert.deepEqual(await mem.getFact({ externalId: 'u1', key: 'user.city' }), fact);
    });

    it('closes the old version when a key gets a new value and keeps its history', async () => {
      const first = await mem.putFact({ externalId: 'u2', key: 'user.city', value: 'Lisbon', category: 'profile' });
      clock.advance(60_000);
      const second = await mem.putFact({ externalId: 'u2', key: 'user.city', value: 'Porto', category: 'profile' });
      const history = await mem.factHistory({ externalId: 'u2', key: 'user.city' });
      assert.deepEqual(history.map((f) => [f.id, f.value]), [[first.id, 'Lisbon'], [second.id, 'Porto']]);
      assert.equal(history[0]!.validTo, second.validFrom);
      assert.equal((await mem.getFact({ externalId: 'u2', key: 'user.city' })).value, 'Porto');
      assert.equal((await mem.getFact({ externalId: 'u2', key: 'user.city', asOf: first.validFrom })).value, 'Lisbon');
      assert.deepEqual((await mem.listFacts({ externalId: 'u2' })).map((f) => f.value), ['Porto']);
      assert.equal((await mem.listFacts({ externalId: 'u2', includeHistory: true })).length, 2);
    });

    it('keeps one version when the same fact is put again', async () => {
      await mem.putFact({ externalId: 'u3', key: 'k', value: 'v' });
      clock.advance(1000);
      await mem.putFact({ externalId: 'u3', key: 'k', value: 'v' });
      assert.equal((await mem.factHistory({ externalId: 'u3', key: 'k' })).length, 1);
    });

    it('filters listed facts by category, key prefix and subject', async () => {
      await mem.putFact({ externalId: 'u4', key: 'pref.food', value: 'ramen', category: 'preference', subject: 'user' });
      await mem.putFact({ externalId: 'u4', key: 'pref.drink', value: 'tea', category: 'preference', subject: 'user' });
      await mem.putFact({ externalId: 'u4', key: 'job', value: 'nurse', category: 'profile', subject: 'alice' });
      assert.deepEqual((await mem.listFacts({ externalId: 'u4', category: 'preference' })).map((f) => f.key), ['pref.drink', 'pref.food']);
      assert.deepEqual((await mem.listFacts({ externalId: 'u4', keyPrefix: 'pref.f' })).map((f) => f.key), ['pref.food']);
      assert.deepEqual((await mem.listFacts({ externalId: 'u4', subject: 'alice' })).map((f) => f.key), ['job']);
    });

    it('indexes only the current version for search', async () => {
      const store = (mem as unknown as { runtime: { store: import('../src/store/port.js').Store } }).runtime.store;
      await mem.putFact({ externalId: 'u5', key: 'user.pet', value: 'a cat named Miso' });
      clock.advance(1000);
      const current = await mem.putFact({ externalId: 'u5', key: 'user.pet', value: 'a dog named Rex' });
      const hits = await store.searchIndex.textSearch({ tenantId: 'acme', externalId: 'u5' }, { text: 'named', tiers: ['fact'], limit: 10, filter: { now: new Date().toISOString() } });
      assert.deepEqual(hits.map((h) => h.itemId), [current.id]);
    });

    it('deletes every version of a key', async () => {
      await mem.putFact({ externalId: 'u6', key: 'k', value: 'a' });
      await mem.putFact({ externalId: 'u6', key: 'k', value: 'b' });
      await mem.deleteFact({ externalId: 'u6', key: 'k' });
      assert.deepEqual(await mem.factHistory({ externalId: 'u6', key: 'k' }), []);
      await assert.rejects(mem.getFact({ externalId: 'u6', key: 'k' }), NotFoundError);
      await assert.rejects(mem.deleteFact({ externalId: 'u6', key: 'k' }), NotFoundError);
    });

    it('rejects bad input naming the field, and writes nothing', async () => {
      await assert.rejects(mem.putFact({ externalId: 'u7', key: '', value: 'x' }), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.field === 'key'));
      await assert.rejects(mem.putFact({ externalId: 'u7', key: 'k', value: 'x', confidence: 2 }), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.field === 'confidence'));
      await assert.rejects(mem.getFact({ externalId: 'u7', key: 'k', asOf: 'yesterday' }), /asOf/);
      assert.deepEqual(await mem.listFacts({ externalId: 'u7' }), []);
    });

    it('hides facts from other agents and tenants', async () => {
      await mem.putFact({ externalId: 'owner', key: 'secret', value: 's' });
      await assert.rejects(mem.getFact({ externalId: 'intruder', key: 'secret' }), NotFoundError);
      await assert.rejects(mem.forTenant('globex').getFact({ externalId: 'owner', key: 'secret' }), NotFoundError);
      assert.deepEqual(await mem.forTenant('globex').listFacts({ externalId: 'owner' }), []);
    });

    it('is read back by a second process over the same store', async () => {
      await mem.putFact({ externalId: 'u8', key: 'k', value: 'persisted' });
      const second = await AgentMem.open({ ...location, tenantId: 'acme' });
      try {
        assert.equal((await second.getFact({ externalId: 'u8', key: 'k' })).value, 'persisted');
      } finally {
        await second.close();
      }
    });
  });
}
