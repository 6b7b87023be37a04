import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import type { Embedder } from '../src/ai/embedder.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { ValidationError } from '../src/errors.js';
import { DEFAULT_TUNING } from '../src/retrieval/tuning.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const template = { sections: [{ id: 'profile', title: 'Profile' }, { id: 'plans' }] };

for (const kind of STORE_KINDS) {
  describe(`retrieveMemories (${kind})`, () => {
    let mem: AgentMem;
    let clock = new Date('2026-03-01T00:00:00.000Z');
    before(async () => (mem = await openTestMem(kind, { tenantId: 'acme', now: () => clock })));
    after(() => mem.close());

    it('finds the matching episode first and says how it scored and where it came from', async () => {
      const stored = await mem.addEpisodes({
        externalId: 'r-1',
        episodes: [
          { text: 'Adopted a golden retriever puppy named Biscuit', metadata: { source: 'chat-17' }, tags: ['pets'] },
          { text: 'The quarterly budget review is on Friday' },
          { text: 'Started learning to play the cello' },
        ],
      });
      const [top, ...rest] = await mem.retrieveMemories({ externalId: 'r-1', query: 'What is the name of my dog?' });
      assert.equal(top?.id, stored[0]!.id);
      assert.equal(top?.tier, 'episode');
      assert.equal(top?.content, 'Adopted a golden retriever puppy named Biscuit');
      assert.deepEqual(top?.metadata, { source: 'chat-17' });
      assert.deepEqual(top?.tags, ['pets']);
      assert.deepEqual(top?.provenance.evidenceIds, [stored[0]!.id]);
      assert.ok(typeof top?.scores.vector === 'number' && typeof top.scores.text === 'number');
      assert.ok(rest.every((r) => r.score <= top!.score));
    });

    it('searches active sections and every tier by default, and only the tiers asked for', async () => {
      const memory = await mem.createActiveMemory({ externalId: 'r-2', title: 'User', template, initialSections: { profile: 'Lives in Porto and works as a marine biologist' } });
      const [episode] = await mem.addEpisodes({ externalId: 'r-2', episodes: [{ text: 'Went diving to count marine species near Porto' }] });
      const all = await mem.retrieveMemories({ externalId: 'r-2', query: 'marine biologist Porto' });
      assert.deepEqual(new Set(all.map((r) => r.tier)), new Set(['active', 'episode']));
      const section = all.find((r) => r.tier === 'active')!;
      assert.deepEqual(section.provenance, { memoryId: memory.id, sectionId: 'profile' });
      assert.equal(section.id, `${memory.id}/profile`);
      assert.deepEqual((await mem.retrieveMemories({ externalId: 'r-2', query: 'marine biologist Porto', tiers: ['episode'] })).map((r) => r.id), [episode!.id]);
    });

    it('filters by episode type and tag', async () => {
      await mem.addEpisodes({
        externalId: 'r-3',
        episodes: [
          { text: 'Likes green tea in the morning', type: 'preference', tags: ['food'] },
          { text: 'Drank green tea at the meeting', type: 'episodic_event', tags: ['work'] },
        ],
      });
      const prefs = await mem.retrieveMemories({ externalId: 'r-3', query: 'green tea', types: ['preference'] });
      assert.deepEqual(prefs.map((r) => r.content), ['Likes green tea in the morning']);
      const work = await mem.retrieveMemories({ externalId: 'r-3', query: 'green tea', tags: ['work'] });
      assert.deepEqual(work.map((r) => r.content), ['Drank green tea at the meeting']);
    });

    it('returns only what was valid at asOf: episodes by occurredAt, facts by version', async () => {
      await mem.addEpisodes({
        externalId: 'r-4',
        episodes: [
          { text: 'Moved into an apartment in Berlin', occurredAt: '2025-01-01T00:00:00.000Z' },
          { text: 'Moved into a house in Munich', occurredAt: '2025-09-01T00:00:00.000Z' },
        ],
      });
      clock = new Date('2025-02-01T00:00:00.000Z');
      await mem.putFact({ externalId: 'r-4', key: 'home.city', value: 'Berlin' });
      clock = new Date('2025-09-02T00:00:00.000Z');
      await mem.putFact({ externalId: 'r-4', key: 'home.city', value: 'Munich' });
      clock = new Date('2026-03-01T00:00:00.000Z');

      const then = await mem.retrieveMemories({ externalId: 'r-4', query: 'home city moved', asOf: '2025-06-01T00:00:00.000Z' });
      assert.deepEqual(then.filter((r) => r.tier === 'episode').map((r) => r.content), ['Moved into an apartment in Berlin']);
      const factThen = then.filter((r) => r.tier === 'fact');
      assert.equal(factThen.length, 1);
      assert.match(factThen[0]!.content, /Berlin/);
      assert.equal(factThen[0]!.provenance.validTo, '2025-09-02T00:00:00.000Z');

      const now = await mem.retrieveMemories({ externalId: 'r-4', query: 'home city moved' });
      assert.equal(now.filter((r) => r.tier === 'episode').length, 2);
      assert.match(now.find((r) => r.tier === 'fact')!.content, /Munich/);
      assert.deepEqual(await mem.retrieveMemories({ externalId: 'r-4', query: 'home city moved', asOf: '2024-01-01T00:00:00.000Z' }), []);
    });

    it('counts retrieved episodes as accessed', async () => {
      const [hit, miss] = await mem.addEpisodes({ externalId: 'r-5', episodes: [{ text: 'Visited the Louvre museum in Paris' }, { text: 'Fixed the kitchen sink' }] });
      const results = await mem.retrieveMemories({ externalId: 'r-5', query: 'Louvre museum', limit: 1 });
      assert.deepEqual(results.map((r) => r.id), [hit!.id]);
      const page = await mem.listEpisodes({ externalId: 'r-5' });
      assert.equal(page.items.find((e) => e.id === hit!.id)?.accessCount, 1);
      assert.equal(page.items.find((e) => e.id === miss!.id)?.accessCount, 0);
    });

    it('embeds the query without the names of people who speak in the conversation, keeping other names', async () => {
      const local = new LocalEmbedder({ workers: 0 });
      const embedded: string[] = [];
      const recording: Embedder = { specificationVersion: 'v1', id: local.id, dimensions: local.dimensions, embed: (texts) => (embedded.push(...texts), local.embed(texts)) };
      const chat = await openTestMem(kind, { embedder: recording });
      try {
        const turns = ['Melanie: I took a pottery class in Tokyo', 'Caroline: Thanks, Melanie! Sounds fun'];
        await chat.addEpisodes({ externalId: 'chat', episodes: turns.map((text) => ({ text, type: 'conversation_turn' as const })) });
        embedded.length = 0;
        const [top] = await chat.retrieveMemories({ externalId: 'chat', query: 'What did Melanie do in Tokyo?' });
        assert.deepEqual(embedded, ['What did do in Tokyo?']);
        assert.equal(top?.content, turns[0]);
        assert.ok(top!.scores.entity >= DEFAULT_TUNING.speakerBoost, 'the turn spoken by Melanie gets the speaker boost');
        embedded.length = 0;
        await chat.retrieveMemories({ externalId: 'chat', query: 'Who went to Tokyo?' });
        assert.deepEqual(embedded, ['Who went to Tokyo?']);
      } finally {
        await chat.close();
      }
    });

    it("never returns another agent's or another tenant's memories", async () => {
      await mem.addEpisodes({ externalId: 'owner', episodes: [{ text: 'The vault password is swordfish' }] });
      await mem.createActiveMemory({ externalId: 'owner', title: 'T', template, initialSections: { profile: 'vault password swordfish' } });
      const other = mem.forTenant('globex');
      await other.addEpisodes({ externalId: 'owner', episodes: [{ text: 'Globex keeps its own notes' }] });
      assert.deepEqual(await mem.retrieveMemories({ externalId: 'intruder', query: 'vault password swordfish' }), []);
      const foreign = await other.retrieveMemories({ externalId: 'owner', query: 'vault password swordfish' });
      assert.ok(foreign.every((r) => !/swordfish/.test(r.content)));
      assert.ok((await mem.retrieveMemories({ externalId: 'owner', query: 'vault password swordfish' })).length >= 2);
    });

    it('rejects an empty query, a limit out of range and unknown tiers, naming the field', async () => {
      const cases: Array<[object, string]> = [
        [{ query: '   ' }, 'query'],
        [{ query: 'x', limit: 0 }, 'limit'],
        [{ query: 'x', limit: 101 }, 'limit'],
        [{ query: 'x', limit: 2.5 }, 'limit'],
        [{ query: 'x', tiers: ['dreams'] }, 'tiers.0'],
        [{ query: 'x', tiers: [] }, 'tiers'],
        [{ query: 'x', asOf: 'last week' }, 'asOf'],
      ];
      for (const [input, field] of cases) {
        await assert.rejects(mem.retrieveMemories({ externalId: 'r-6', ...input } as never), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.field === field));
      }
      await assert.rejects(mem.retrieveMemories({ externalId: 'r-6', query: '' }), /query: must be a non-empty string/);
    });
  });
}
