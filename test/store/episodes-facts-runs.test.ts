import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/errors.js';
import type { Store } from '../../src/store/port.js';
import { T0, activeMemory, episode, fact, scope } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): episodes, facts, runs, scopes`, () => {
    let store: Store;
    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    it('lists episodes newest first with filters and a cursor that walks every page once', async () => {
      const s = scope(randomUUID());
      const episodes = Array.from({ length: 7 }, (_, i) =>
        episode(s, {
          occurredAt: `2026-01-0${i + 1}T00:00:00.000Z`,
          type: i % 2 ? 'preference' : 'episodic_event',
          importance: i / 10,
          tags: i % 3 === 0 ? ['travel', '100%_sure'] : ['work'],
        }),
      );
      await store.episodes.insertMany(episodes);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.episodes.list(s, {}, { limit: 3, cursor });
        seen.push(...page.items.map((e) => e.occurredAt));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...episodes].reverse().map((e) => e.occurredAt));
      assert.equal((await store.episodes.list(s, { types: ['preference'] }, { limit: 10 })).items.length, 3);
      assert.equal((await store.episodes.list(s, { tags: ['travel'] }, { limit: 10 })).items.length, 3);
      assert.equal((await store.episodes.list(s, { tags: ['100%_sure'] }, { limit: 10 })).items.length, 3);
      assert.equal((await store.episodes.list(s, { tags: ['100'] }, { limit: 10 })).items.length, 0);
      assert.equal((await store.episodes.list(s, { minImportance: 0.45 }, { limit: 10 })).items.length, 2);
      assert.equal((await store.episodes.list(s, { occurredFrom: '2026-01-03T00:00:00.000Z', occurredTo: '2026-01-04T00:00:00.000Z' }, { limit: 10 })).items.length, 2);
      assert.equal((await store.episodes.list(s, { textContains: 'LISBON' }, { limit: 10 })).items.length, 7);
      await assert.rejects(store.episodes.list(s, {}, { limit: 3, cursor: 'garbage' }), ValidationError);
    });

    it('counts access, changes status, and reports what arrived since a time', async () => {
      const s = scope(randomUUID());
      const [a, b] = [episode(s, { createdAt: '2026-01-01T00:00:00.000Z', text: 'abc' }), episode(s, { createdAt: '2026-02-01T00:00:00.000Z', text: 'défg' })];
      await store.episodes.insertMany([a!, b!]);
      await store.episodes.recordAccess(s, [a!.id], '2026-03-01T00:00:00.000Z');
      await store.episodes.recordAccess(s, [a!.id], '2026-03-02T00:00:00.000Z');
      const accessed = (await store.episodes.get(s, a!.id))!;
      assert.equal(accessed.accessCount, 2);
      assert.equal(accessed.lastAccessedAt, '2026-03-02T00:00:00.000Z');
      await store.episodes.setStatus(s, [b!.id], 'consolidated', '2026-03-03T00:00:00.000Z');
      assert.equal((await store.episodes.get(s, b!.id))!.consolidatedAt, '2026-03-03T00:00:00.000Z');
      assert.equal((await store.episodes.list(s, { statuses: ['active'] }, { limit: 10 })).items.length, 1);
      assert.deepEqual(await store.episodes.statsSince(s), { count: 2, bytes: 3 + 5 });
      assert.deepEqual(await store.episodes.statsSince(s, '2026-01-15T00:00:00.000Z'), { count: 1, bytes: 5 });
      assert.equal(await store.episodes.delete(scope(s.externalId, 'tenant-b'), a!.id), false);
      assert.equal(await store.episodes.delete(s, a!.id), true);
      assert.equal(await store.episodes.get(s, a!.id), undefined);
    });

    it('keeps one current version per fact key and the history of the rest', async () => {
      const s = scope(randomUUID());
      await store.facts.insert(fact(s, { value: 'blue' }));
      await assert.rejects(store.facts.insert(fact(s, { value: 'green' })), 'a second open version of a key is refused');
      assert.equal(await store.facts.closeCurrent(s, 'user.favorite_color', '2026-02-01T00:00:00.000Z'), true);
      await store.facts.insert(fact(s, { value: 'green', validFrom: '2026-02-01T00:00:00.000Z' }));
      assert.equal((await store.facts.getCurrent(s, 'user.favorite_color'))!.value, 'green');
      assert.deepEqual((await store.facts.history(s, 'user.favorite_color')).map((f) => [f.value, f.validTo]), [
        ['blue', '2026-02-01T00:00:00.000Z'],
        ['green', null],
      ]);
      await store.facts.insert(fact(s, { key: 'user.city', category: 'profile', value: 'Lisbon' }));
      assert.deepEqual((await store.facts.list(s)).map((f) => f.key), ['user.city', 'user.favorite_color']);
      assert.equal((await store.facts.list(s, { includeHistory: true })).length, 3);
      assert.deepEqual((await store.facts.list(s, { category: 'profile' })).map((f) => f.value), ['Lisbon']);
      assert.deepEqual((await store.facts.list(s, { keyPrefix: 'user.fav' })).map((f) => f.value), ['green']);
      assert.equal(await store.facts.getCurrent(scope(s.externalId, 'tenant-b'), 'user.city'), undefined);
      assert.equal((await store.facts.deleteKey(s, 'user.favorite_color')).length, 2);
      assert.equal((await store.facts.history(s, 'user.favorite_color')).length, 0);
    });

    it('records runs and lists them newest first', async () => {
      const s = scope(randomUUID());
      const base = { ...s, memoryId: 'm1', trigger: 'threshold', counts: {}, report: {}, error: null, finishedAt: null };
      await store.runs.insert({ ...base, id: randomUUID(), kind: 'consolidation', status: 'running', startedAt: '2026-01-01T00:00:00.000Z' });
      const second = randomUUID();
      await store.runs.insert({ ...base, id: second, kind: 'sleep', status: 'running', startedAt: '2026-01-02T00:00:00.000Z' });
      await store.runs.update(s, second, { status: 'failed', error: 'boom', counts: { sampled: 3 }, finishedAt: '2026-01-02T00:01:00.000Z' });
      const runs = await store.runs.list(s);
      assert.deepEqual(runs.map((r) => r.kind), ['sleep', 'consolidation']);
      assert.deepEqual([runs[0]!.status, runs[0]!.error, runs[0]!.counts], ['failed', 'boom', { sampled: 3 }]);
      assert.equal((await store.runs.list(s, { kind: 'consolidation' })).length, 1);
      assert.equal(await store.runs.get(scope(s.externalId, 'tenant-b'), second), undefined);
    });

    it('lists a tenant’s agents and deletes everything of one agent', async () => {
      const tenantId = `t-${randomUUID()}`;
      const a = scope('agent-a', tenantId);
      const b = scope('agent-b', tenantId);
      await store.active.insert(activeMemory(a));
      await store.episodes.insertMany([episode(a), episode(b)]);
      await store.facts.insert(fact(a));
      await store.searchIndex.upsert([{ scope: a, tier: 'episode', itemId: randomUUID(), text: 'indexed', embedding: null }]);
      assert.deepEqual(await store.scopes.list(tenantId), [
        { externalId: 'agent-a', activeMemories: 1, episodes: 1, facts: 1 },
        { externalId: 'agent-b', activeMemories: 0, episodes: 1, facts: 0 },
      ]);
      await store.scopes.deleteAll(a);
      assert.deepEqual((await store.scopes.list(tenantId)).map((x) => x.externalId), ['agent-b']);
      assert.equal((await store.searchIndex.textSearch(a, { text: 'indexed', tiers: ['episode'], limit: 5, filter: { now: T0 } })).length, 0);
      assert.ok((await store.scopes.listAll()).some((x) => x.tenantId === tenantId && x.externalId === 'agent-b'));
    });

    it('rolls back every write of a failed transaction', async () => {
      const s = scope(randomUUID());
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.episodes.insertMany([episode(s)]);
          await tx.facts.insert(fact(s));
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal((await store.episodes.list(s, {}, { limit: 5 })).items.length, 0);
      assert.equal(await store.facts.getCurrent(s, 'user.favorite_color'), undefined);
    });
  });
}
