import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/port.js';
import { activeMemory, scope } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): resetting the counts of consolidated sections`, () => {
    let store: Store;
    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    it('resets only the sections named, and only while their content is the one consolidated', async () => {
      const s = scope(randomUUID());
      const memory = activeMemory(s, ['goals', 'notes', 'plan']);
      await store.active.insert(memory);
      const at = '2026-01-02T00:00:00.000Z';
      await store.active.updateSections(s, memory.id, [{ sectionId: 'goals', newContent: 'ship v1' }, { sectionId: 'notes', newContent: 'draft' }, { sectionId: 'plan', newContent: 'q1' }], at);
      await store.active.updateSections(s, memory.id, [{ sectionId: 'notes', newContent: 'rewritten meanwhile' }], at);
      await store.active.resetUpdateCounts(s, memory.id, '2026-01-03T00:00:00.000Z', [
        { sectionId: 'goals', content: 'ship v1' },
        { sectionId: 'notes', content: 'draft' },
      ]);
      const loaded = (await store.active.get(s, memory.id))!;
      assert.deepEqual(loaded.sections.map((x) => [x.id, x.updateCount]), [['goals', 0], ['notes', 2], ['plan', 1]]);
      await store.active.resetUpdateCounts(scope(randomUUID()), memory.id, at);
      assert.deepEqual((await store.active.get(s, memory.id))!.sections.map((x) => x.updateCount), [0, 2, 1], 'another scope resets nothing');
    });
  });
}
