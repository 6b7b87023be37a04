import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { ConflictError } from '../../src/errors.js';
import type { Store } from '../../src/store/port.js';
import type { Scope } from '../../src/model/scope.js';
import { episode, fact, scope, unitVector } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore, openTestStoresSharing } from '../support/stores.js';

const DIM = 8;
const filter = { now: '2026-06-01T00:00:00.000Z' };

/** Episodes stored with their index entries (the index only returns items that exist). */
async function indexEpisodes(store: Store, s: Scope, items: Array<{ id: string; text: string; embedding: Float32Array | null }>) {
  await store.episodes.insertMany(items.map((i) => episode(s, { id: i.id, text: i.text })));
  await store.searchIndex.upsert(items.map((i) => ({ scope: s, tier: 'episode', itemId: i.id, text: i.text, embedding: i.embedding })));
}

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): search index and locks`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(kind);
      await store.searchIndex.ensureDimension(DIM);
    });
    after(() => store.close());

    it('refuses vectors of another dimension', async () => {
      assert.equal(await store.searchIndex.dimension(), DIM);
      await assert.rejects(store.searchIndex.ensureDimension(DIM + 1), ConflictError);
    });

    it('ranks by full text and by vector within one scope and the tiers asked for', async () => {
      const s = scope(randomUUID());
      const other = scope(s.externalId, 'tenant-b');
      await indexEpisodes(store, s, [
        { id: 'e1', text: 'We hiked the volcano in Iceland', embedding: unitVector(DIM, 0) },
        { id: 'e2', text: 'Budget meeting about the quarterly report', embedding: unitVector(DIM, 1) },
      ]);
      await store.facts.insert(fact(s, { id: 'f1', key: 'favourite.country', value: 'Iceland' }));
      await store.searchIndex.upsert([{ scope: s, tier: 'fact', itemId: 'f1', text: 'favourite country: Iceland, Iceland, Iceland', embedding: unitVector(DIM, 2) }]);
      await indexEpisodes(store, other, [{ id: 'x1', text: 'Iceland volcano secrets', embedding: unitVector(DIM, 0) }]);
      const text = await store.searchIndex.textSearch(s, { text: 'What about the Iceland volcano?', tiers: ['episode', 'fact'], limit: 10, filter });
      assert.deepEqual(new Set(text.map((h) => h.itemId)), new Set(['e1', 'f1']));
      assert.ok(text.every((h) => Number.isFinite(h.score)));
      const episodesOnly = await store.searchIndex.textSearch(s, { text: 'Iceland', tiers: ['episode'], limit: 10, filter });
      assert.deepEqual(episodesOnly.map((h) => h.itemId), ['e1']);
      const vector = await store.searchIndex.vectorSearch(s, { embedding: unitVector(DIM, 1), tiers: ['episode', 'fact'], limit: 3, filter });
      assert.equal(vector[0]!.itemId, 'e2');
      assert.ok(vector[0]!.score > vector[1]!.score);
      assert.ok(!vector.some((h) => h.itemId === 'x1'));
      assert.deepEqual(await store.searchIndex.textSearch(s, { text: 'the of and', tiers: ['episode'], limit: 5, filter }), []);
    });

    it('replaces an item on upsert and forgets it on remove', async () => {
      const s = scope(randomUUID());
      await store.searchIndex.upsert([{ scope: s, tier: 'active', itemId: 'm/goals', text: 'learn rust', embedding: unitVector(DIM, 3) }]);
      await store.searchIndex.upsert([{ scope: s, tier: 'active', itemId: 'm/goals', text: 'learn haskell', embedding: unitVector(DIM, 4) }]);
      assert.equal((await store.searchIndex.textSearch(s, { text: 'rust', tiers: ['active'], limit: 5, filter })).length, 0);
      assert.equal((await store.searchIndex.textSearch(s, { text: 'haskell', tiers: ['active'], limit: 5, filter })).length, 1);
      const [hit] = await store.searchIndex.vectorSearch(s, { embedding: unitVector(DIM, 4), tiers: ['active'], limit: 5, filter });
      assert.ok(hit!.score > 0.95);
      await store.searchIndex.remove(s, 'active', ['m/goals']);
      assert.equal((await store.searchIndex.vectorSearch(s, { embedding: unitVector(DIM, 4), tiers: ['active'], limit: 5, filter })).length, 0);
    });

    it('lists items for re-embedding and takes new vectors of a new dimension after a reset', async () => {
      const fresh = await openTestStore(kind);
      try {
        const s = scope(randomUUID());
        await indexEpisodes(fresh, s, [
          { id: 'a', text: 'alpha', embedding: unitVector(DIM, 0) },
          { id: 'b', text: 'beta', embedding: unitVector(DIM, 1) },
        ]);
        const first = await fresh.searchIndex.listItems({ limit: 1 });
        const second = await fresh.searchIndex.listItems({ afterKey: first.items[0]!.key, limit: 5 });
        assert.deepEqual([...first.items, ...second.items].map((i) => [i.itemId, i.text]), [['a', 'alpha'], ['b', 'beta']]);
        await fresh.searchIndex.resetVectors();
        assert.equal(await fresh.searchIndex.dimension(), undefined);
        await fresh.searchIndex.setVectors([{ scope: s, tier: 'episode', itemId: 'b', embedding: unitVector(4, 2) }]);
        assert.equal(await fresh.searchIndex.dimension(), 4);
        const hits = await fresh.searchIndex.vectorSearch(s, { embedding: unitVector(4, 2), tiers: ['episode'], limit: 5, filter });
        assert.deepEqual(hits.map((h) => h.itemId), ['b']);
      } finally {
        await fresh.close();
      }
    });

    it('gives a named lock to one holder at a time', async () => {
      const name = ['consolidation', 'tenant:with:colons', randomUUID()];
      const first = await store.locks.tryAcquire(name, 60_000);
      assert.ok(first);
      assert.equal(await store.locks.tryAcquire(name, 60_000), null);
      await first.release();
      const again = await store.locks.tryAcquire(name, 60_000);
      assert.ok(again);
      assert.ok(await store.locks.tryAcquire(['consolidation', 'tenant', `with:colons:${name[2]}`], 60_000), 'parts never run together into another name');
      await again.release();
    });

    it('keeps a held lock past its time by renewing it, and lets it lapse once the holder stops', async () => {
      const name = ['renewed', randomUUID()];
      const held = await store.locks.tryAcquire(name, 300);
      assert.ok(held);
      await sleep(700);
      assert.equal(await store.locks.tryAcquire(name, 300), null, 'renewed while held');
      assert.equal(held.isLost(), false);
      await held.release();
      assert.ok(await store.locks.tryAcquire(name, 60_000));
    });

    it('lets a new holder take a lock whose holder died and stopped renewing it', async () => {
      const name = ['crashed', randomUUID()];
      const [survivor, dying] = (await openTestStoresSharing(kind, 2)) as [Store, Store];
      try {
        assert.ok(await dying.locks.tryAcquire(name, 300));
        await dying.close();
        assert.equal(await survivor.locks.tryAcquire(name, 60_000), null, 'not before the lease lapses');
        await sleep(400);
        assert.ok(await survivor.locks.tryAcquire(name, 60_000));
      } finally {
        await survivor.close();
      }
    });
  });
}

describe('store conformance (sqlite): statements issued through the root store inside a transaction', () => {
  it('run inside that transaction and roll back with it', async () => {
    const store = await openTestStore('sqlite');
    try {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.meta.set('inside', 'tx');
          await store.meta.set('through-root', 'yes');
          assert.equal(await store.meta.get('inside'), 'tx');
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await store.meta.get('through-root'), undefined);
    } finally {
      await store.close();
    }
  });
});
