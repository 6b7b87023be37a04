import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { NotFoundError, ValidationError } from '../src/errors.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`episodes API (${kind})`, () => {
    let mem: AgentMem;
    let clock = new Date('2026-02-01T12:00:00.000Z');
    before(async () => (mem = await openTestMem(kind, { tenantId: 'acme', now: () => clock })));
    after(() => mem.close());

    it('adds episodes with defaults and returns them in input order', async () => {
      const stored = await mem.addEpisodes({
        externalId: 'ep-1',
        episodes: [
          { text: 'Booked a flight to Lisbon', occurredAt: '2026-01-10T09:00:00+01:00', importance: 0.9, tags: ['travel', 'travel'], metadata: { source: 'chat' } },
          { text: 'Prefers window seats', type: 'preference', confidence: 0.7, emotionalValence: 0.4 },
        ],
      });
      assert.deepEqual(stored.map((e) => e.text), ['Booked a flight to Lisbon', 'Prefers window seats']);
      const [flight, seat] = stored as [(typeof stored)[0], (typeof stored)[0]];
      assert.equal(flight.occurredAt, '2026-01-10T08:00:00.000Z');
      assert.deepEqual([flight.type, flight.importance, flight.confidence, flight.emotionalValence], ['episodic_event', 0.9, 1, 0]);
      assert.deepEqual(flight.tags, ['travel']);
      assert.deepEqual(flight.metadata, { source: 'chat' });
      assert.deepEqual([seat.type, seat.occurredAt, seat.status, seat.accessCount, seat.tenantId], ['preference', clock.toISOString(), 'active', 0, 'acme']);
      const single = await mem.addEpisode({ externalId: 'ep-1', text: 'Paid the hotel deposit' });
      assert.equal((await mem.getEpisode({ externalId: 'ep-1', episodeId: single.id })).text, 'Paid the hotel deposit');
    });

    it('counts each read as an access', async () => {
      const [episode] = await mem.addEpisodes({ externalId: 'ep-2', episodes: [{ text: 'Read a book about gardens' }] });
      clock = new Date('2026-02-02T00:00:00.000Z');
      await mem.getEpisode({ externalId: 'ep-2', episodeId: episode!.id });
      const second = await mem.getEpisode({ externalId: 'ep-2', episodeId: episode!.id });
      assert.equal(second.accessCount, 2);
      assert.equal(second.lastAccessedAt, '2026-02-02T00:00:00.000Z');
    });

    it('lists newest first with filters and cursor pagination', async () => {
      const episodes = Array.from({ length: 7 }, (_, i) => ({
        text: `day ${i} note`,
        occurredAt: `2026-01-0${i + 1}T00:00:00.000Z`,
        type: i % 2 ? ('observation' as const) : ('episodic_event' as const),
        importance: i / 10,
        tags: i < 3 ? ['early'] : [],
      }));
      await mem.addEpisodes({ externalId: 'ep-3', episodes });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await mem.listEpisodes({ externalId: 'ep-3', limit: 3, ...(cursor && { cursor }) });
        seen.push(...page.items.map((e) => e.text));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [6, 5, 4, 3, 2, 1, 0].map((i) => `day ${i} note`));
      const filtered = await mem.listEpisodes({ externalId: 'ep-3', types: ['observation'], minImportance: 0.2, occurredTo: '2026-01-05T00:00:00.000Z' });
      assert.deepEqual(filtered.items.map((e) => e.text), ['day 3 note']);
      assert.deepEqual((await mem.listEpisodes({ externalId: 'ep-3', tags: ['early'], textContains: 'DAY 1' })).items.map((e) => e.text), ['day 1 note']);
      await assert.rejects(mem.listEpisodes({ externalId: 'ep-3', cursor: 'garbage' }), /cursor/);
      await assert.rejects(mem.listEpisodes({ externalId: 'ep-3', limit: 0 }), /limit: must be between 1 and 500/);
    });

    it('takes a date with any offset as the same instant, in occurredFrom/To and in asOf', async () => {
      const sameInstant = ['2020-12-31T22:00:00Z', '2021-01-01T03:00:00+05:00', '2020-12-31T17:00:00-05:00'];
      const [before, at, later] = await mem.addEpisodes({
        externalId: 'ep-dates',
        episodes: [
          { text: 'lantern lit before midnight', occurredAt: '2020-12-31T21:00:00.000Z' },
          { text: 'lantern lit at the instant', occurredAt: '2021-01-01T00:00:00+02:00' },
          { text: 'lantern lit after midnight', occurredAt: '2021-01-01T01:00:00.000Z' },
        ],
      });
      assert.equal(at!.occurredAt, '2020-12-31T22:00:00.000Z');
      const ids = (episodes: Array<{ id: string }>) => episodes.map((e) => e.id).sort();
      for (const instant of sameInstant) {
        const upTo = await mem.listEpisodes({ externalId: 'ep-dates', occurredTo: instant });
        assert.deepEqual(ids(upTo.items), ids([before!, at!]), `occurredTo ${instant}`);
        const from = await mem.listEpisodes({ externalId: 'ep-dates', occurredFrom: instant });
        assert.deepEqual(ids(from.items), ids([at!, later!]), `occurredFrom ${instant}`);
        const asOf = await mem.retrieveMemories({ externalId: 'ep-dates', query: 'lantern lit', tiers: ['episode'], asOf: instant });
        assert.deepEqual(ids(asOf), ids([before!, at!]), `asOf ${instant}`);
      }
      const page = await mem.listEpisodes({ externalId: 'ep-dates', occurredTo: sameInstant[1], limit: 1 });
      const next = await mem.listEpisodes({ externalId: 'ep-dates', occurredTo: sameInstant[2], limit: 1, cursor: page.nextCursor! });
      assert.deepEqual(ids([...page.items, ...next.items]), ids([before!, at!]));
      for (const outside of ['0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:00:00-05:00', '2021-02-30T00:00:00Z']) {
        await assert.rejects(mem.listEpisodes({ externalId: 'ep-dates', occurredTo: outside }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.field === 'occurredTo', outside);
        await assert.rejects(mem.addEpisode({ externalId: 'ep-dates', text: 'out of range', occurredAt: outside }), ValidationError);
      }
      assert.equal((await mem.listEpisodes({ externalId: 'ep-dates' })).items.length, 3);
    });

    it('deletes an episode together with its search entry', async () => {
      const [keep, drop] = await mem.addEpisodes({ externalId: 'ep-4', episodes: [{ text: 'The violin lesson went well' }, { text: 'The violin string snapped' }] });
      await mem.deleteEpisode({ externalId: 'ep-4', episodeId: drop!.id });
      await assert.rejects(mem.getEpisode({ externalId: 'ep-4', episodeId: drop!.id }), NotFoundError);
      await assert.rejects(mem.deleteEpisode({ externalId: 'ep-4', episodeId: drop!.id }), NotFoundError);
      const results = await mem.retrieveMemories({ externalId: 'ep-4', query: 'violin string' });
      assert.deepEqual(results.map((r) => r.id), [keep!.id]);
    });

    it('rejects bad input naming the field, and writes nothing of the batch', async () => {
      const bad = [
        [{ text: 'ok' }, { text: 'too important', importance: 1.5 }],
        [{ text: 'sad', emotionalValence: -2 }],
        [{ text: '   ' }],
        [{ text: 'when?', occurredAt: 'yesterday' }],
        [{ text: 'what?', type: 'dream' }],
      ];
      const fields = ['episodes.1.importance', 'episodes.0.emotionalValence', 'episodes.0.text', 'episodes.0.occurredAt', 'episodes.0.type'];
      for (const [i, episodes] of bad.entries()) {
        await assert.rejects(mem.addEpisodes({ externalId: 'ep-5', episodes: episodes as never }), (e: unknown) => e instanceof ValidationError && e.issues.some((x) => x.field === fields[i]));
      }
      await assert.rejects(mem.addEpisodes({ externalId: 'ep-5', episodes: [] }), /episodes: needs at least one episode/);
      await assert.rejects(mem.addEpisode({ externalId: '', text: 'x' }), /externalId/);
      assert.equal((await mem.listEpisodes({ externalId: 'ep-5' })).items.length, 0);
    });

    it('keeps episodes inside their agent and tenant', async () => {
      const [secret] = await mem.addEpisodes({ externalId: 'owner', episodes: [{ text: 'The safe code is 4512' }] });
      await assert.rejects(mem.getEpisode({ externalId: 'intruder', episodeId: secret!.id }), NotFoundError);
      const other = mem.forTenant('globex');
      await assert.rejects(other.getEpisode({ externalId: 'owner', episodeId: secret!.id }), NotFoundError);
      await assert.rejects(other.deleteEpisode({ externalId: 'owner', episodeId: secret!.id }), NotFoundError);
      assert.equal((await other.listEpisodes({ externalId: 'owner' })).items.length, 0);
      assert.equal((await mem.getEpisode({ externalId: 'owner', episodeId: secret!.id })).text, 'The safe code is 4512');
    });
  });
}
