import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/port.js';
import { scope, unitVector } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

const DIM = 8;

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): stored vectors by item id`, () => {
    let store: Store;
    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    it('returns nothing before any vector is stored', async () => {
      assert.equal((await store.searchIndex.getVectors(scope(), 'episode', ['e1'])).size, 0);
    });

    it('returns the vectors of the scope and tier asked for, by id', async () => {
      const s = scope('vectors');
      await store.searchIndex.upsert([
        { scope: s, tier: 'episode', itemId: 'e1', text: 'one', embedding: unitVector(DIM, 0) },
        { scope: s, tier: 'episode', itemId: 'e2', text: 'two', embedding: unitVector(DIM, 3) },
        { scope: s, tier: 'episode', itemId: 'e3', text: 'three, no vector yet', embedding: null },
        { scope: s, tier: 'fact', itemId: 'f1', text: 'fact', embedding: unitVector(DIM, 5) },
        { scope: scope('vectors', 'tenant-b'), tier: 'episode', itemId: 'x1', text: 'foreign', embedding: unitVector(DIM, 1) },
      ]);
      const found = await store.searchIndex.getVectors(s, 'episode', ['e1', 'e2', 'e3', 'f1', 'x1', 'missing']);
      assert.deepEqual([...found.keys()].sort(), ['e1', 'e2']);
      for (const [id, axis] of [['e1', 0], ['e2', 3]] as const) {
        const expected = unitVector(DIM, axis);
        const got = found.get(id)!;
        assert.equal(got.length, DIM);
        assert.ok(got.every((v, i) => Math.abs(v - expected[i]!) < 1e-6));
      }
      assert.deepEqual([...(await store.searchIndex.getVectors(s, 'fact', ['f1'])).keys()], ['f1']);
    });

    it('keeps every float32 exactly as written, through insert and update', async () => {
      const s = scope('exact-floats');
      const written = Float32Array.from([-0.123456789, 1e-30, -3.4e38, 0.5, Math.PI, -0, 2 ** -149, 1 / 3]);
      const rewritten = written.map((v) => -v / 7);
      await store.searchIndex.upsert([{ scope: s, tier: 'episode', itemId: 'e1', text: 'floats', embedding: written }]);
      assert.deepEqual((await store.searchIndex.getVectors(s, 'episode', ['e1'])).get('e1'), written);
      await store.searchIndex.setVectors([{ scope: s, tier: 'episode', itemId: 'e1', embedding: rewritten }]);
      assert.deepEqual((await store.searchIndex.getVectors(s, 'episode', ['e1'])).get('e1'), rewritten);
    });
  });
}
