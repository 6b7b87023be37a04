import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/port.js';
import { T0, scope } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): short-term chunks by id`, () => {
    let store: Store;
    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    it('returns the chunks asked for, in the caller’s scope only', async () => {
      const s = scope(randomUUID());
      const stId = randomUUID();
      await store.shortterm.insert({ id: stId, ...s, activeMemoryId: 'm1', updateCount: 0, metadata: {}, createdAt: T0, updatedAt: T0 });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await store.shortterm.insertChunks(ids.map((id, i) => ({ id, shorttermId: stId, ...s, sectionId: 'notes', content: `chunk ${i}`, metadata: { i }, createdAt: T0, updatedAt: T0 })));
      const found = await store.shortterm.getChunks(s, [ids[0]!, ids[2]!, 'missing']);
      assert.deepEqual(found.map((c) => c.content).sort(), ['chunk 0', 'chunk 2']);
      assert.deepEqual(found.find((c) => c.id === ids[2])?.metadata, { i: 2 });
      assert.deepEqual(await store.shortterm.getChunks(scope(s.externalId, 'tenant-b'), ids), []);
      assert.deepEqual(await store.shortterm.getChunks(s, []), []);
    });
  });
}
