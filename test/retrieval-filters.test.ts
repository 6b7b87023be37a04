import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`retrieveMemories filters inside the search (${kind})`, () => {
    let mem: AgentMem;
    let rareIds: string[];
    before(async () => {
      mem = await openTestMem(kind, { tenantId: 'acme' });
      const common = Array.from({ length: 300 }, (_, i) => ({ text: `Volcano hike number ${i} across the lava fields of Iceland` }));
      const rare = Array.from({ length: 5 }, (_, i) => ({ text: `Read about a volcano, note ${i}`, tags: ['rare'], metadata: { project: 'apollo', rank: i } }));
      const stored = await mem.addEpisodes({ externalId: 'f-1', episodes: [...common, ...rare] });
      rareIds = stored.slice(300).map((e) => e.id).sort();
    });
    after(() => mem.close());

    it('returns every tagged episode however many closer ones there are', async () => {
      const found = await mem.retrieveMemories({ externalId: 'f-1', query: 'volcano hike in Iceland', tags: ['rare'], limit: 10 });
      assert.deepEqual(found.map((r) => r.id).sort(), rareIds);
    });

    it('keeps what matches every metadata pair, in search and in listings', async () => {
      const found = await mem.retrieveMemories({ externalId: 'f-1', query: 'volcano hike in Iceland', metadata: { project: 'apollo' }, limit: 10 });
      assert.deepEqual(found.map((r) => r.id).sort(), rareIds);
      const one = await mem.retrieveMemories({ externalId: 'f-1', query: 'volcano', metadata: { project: 'apollo', rank: 3 } });
      assert.deepEqual(one.map((r) => r.id), [rareIds.find((id) => one.some((r) => r.id === id))]);
      assert.equal(one[0]?.metadata.rank, 3);
      assert.deepEqual(await mem.retrieveMemories({ externalId: 'f-1', query: 'volcano', metadata: { project: 'gemini' } }), []);
      const listed = await mem.listEpisodes({ externalId: 'f-1', metadata: { project: 'apollo' }, limit: 50 });
      assert.deepEqual(listed.items.map((e) => e.id).sort(), rareIds);
    });

    it('refuses a metadata filter whose values are not scalars', async () => {
      await assert.rejects(mem.retrieveMemories({ externalId: 'f-1', query: 'volcano', metadata: { project: { name: 'apollo' } } as never }), /metadata/);
    });
  });
}
