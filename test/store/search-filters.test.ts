import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Episode } from '../../src/model/episode.js';
import type { Store } from '../../src/store/port.js';
import { episode, scope, unitVector } from '../support/fixtures.js';
import { CONFORMANCE_KINDS, openTestStore } from '../support/stores.js';

const DIM = 16;
const filter = { now: '2026-06-01T00:00:00.000Z' };

/** A vector near `axis`, a little off it by `jitter` along the next axis. */
function near(axis: number, jitter: number): Float32Array {
  const v = unitVector(DIM, axis, 0.05);
  v[(axis + 1) % DIM] = jitter;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

async function store(s: Store, episodes: Episode[], vectors: Float32Array[]): Promise<void> {
  await s.transaction(async (tx) => {
    await tx.episodes.insertMany(episodes);
    await tx.searchIndex.upsert(episodes.map((e, i) => ({ scope: { tenantId: e.tenantId, externalId: e.externalId }, tier: 'episode', itemId: e.id, text: e.text, embedding: vectors[i]! })));
  });
}

for (const kind of CONFORMANCE_KINDS) {
  describe(`store conformance (${kind}): filters inside the candidate queries`, () => {
    let db: Store;
    before(async () => (db = await openTestStore(kind)));
    after(() => db.close());

    it('finds the 5 tagged episodes among 3,000 closer untagged ones, by text and by vector', async () => {
      const s = scope(randomUUID());
      const common = Array.from({ length: 3000 }, (_, i) => episode(s, { text: `volcano hike number ${i} in Iceland` }));
      const rare = Array.from({ length: 5 }, (_, i) => episode(s, { text: `a volcano far away, note ${i}`, tags: ['rare'] }));
      await store(db, [...common, ...rare], [...common.map((_, i) => near(0, (i % 50) / 1000)), ...rare.map(() => near(0, 0.5))]);
      const query = { tiers: ['episode'] as const, limit: 100, filter: { ...filter, tags: ['rare'] } };
      const byText = await db.searchIndex.textSearch(s, { ...query, text: 'volcano' });
      const byVector = await db.searchIndex.vectorSearch(s, { ...query, embedding: near(0, 0) });
      const rareIds = new Set(rare.map((e) => e.id));
      assert.deepEqual(new Set(byText.map((h) => h.itemId)), rareIds);
      assert.deepEqual(new Set(byVector.map((h) => h.itemId)), rareIds);
    });

    it('keeps items whose metadata holds every pair, with the value’s type', async () => {
      const s = scope(randomUUID());
      const items = [
        episode(s, { text: 'kickoff meeting', metadata: { project: 'apollo', priority: 2, urgent: true, owner: null } }),
        episode(s, { text: 'kickoff meeting', metadata: { project: 'apollo', priority: '2', urgent: false } }),
        episode(s, { text: 'kickoff meeting', metadata: { project: 'gemini', priority: 2, nested: { project: 'apollo' } } }),
      ];
      await store(db, items, items.map((_, i) => near(i, 0)));
      const search = async (metadata: Record<string, string | number | boolean | null>) => {
        const query = { tiers: ['episode'] as const, limit: 10, filter: { ...filter, metadata } };
        const text = (await db.searchIndex.textSearch(s, { ...query, text: 'kickoff' })).map((h) => h.itemId).sort();
        const vector = (await db.searchIndex.vectorSearch(s, { ...query, embedding: near(0, 0) })).map((h) => h.itemId).sort();
        const listed = (await db.episodes.list(s, { metadata }, { limit: 10 })).items.map((e) => e.id).sort();
        assert.deepEqual(text, vector);
        assert.deepEqual(text, listed);
        return text;
      };
      assert.deepEqual(await search({ project: 'apollo' }), [items[0]!.id, items[1]!.id].sort());
      assert.deepEqual(await search({ project: 'apollo', priority: 2 }), [items[0]!.id]);
      assert.deepEqual(await search({ priority: '2' }), [items[1]!.id]);
      assert.deepEqual(await search({ urgent: false }), [items[1]!.id]);
      assert.deepEqual(await search({ owner: null }), [items[0]!.id]);
      assert.deepEqual(await search({ project: 'mercury' }), []);
    });

    it('gives a small scope its k nearest however many rows other scopes hold', async () => {
      const small = scope(randomUUID());
      const crowd = Array.from({ length: 4000 }, (_, i) => episode(scope(`crowd-${i % 40}`, `t-${small.externalId}`), { text: `crowd ${i}` }));
      await store(db, crowd, crowd.map((_, i) => near(0, (i % 100) / 1000)));
      const mine = Array.from({ length: 40 }, (_, i) => episode(small, { text: `mine ${i}` }));
      const vectors = mine.map((_, i) => near(i % 3, i / 100));
      await store(db, mine, vectors);
      const query = near(0, 0);
      const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * b[d]!, 0);
      const expected = mine.map((e, i) => ({ id: e.id, score: dot(vectors[i]!, query) })).sort((a, b) => b.score - a.score).slice(0, 10);
      const hits = await db.searchIndex.vectorSearch(small, { embedding: query, tiers: ['episode'], limit: 10, filter });
      assert.deepEqual(hits.map((h) => h.itemId), expected.map((e) => e.id));
    });

    it('sees episodes as of a date, and long-term chunks valid then, inside the query', async () => {
      const s = scope(randomUUID());
      const early = episode(s, { text: 'moved to Porto', occurredAt: '2026-01-01T00:00:00.000Z' });
      const late = episode(s, { text: 'moved to Lisbon', occurredAt: '2026-03-01T00:00:00.000Z' });
      await store(db, [early, late], [near(1, 0), near(1, 0.01)]);
      const asOf = { ...filter, asOf: '2026-02-01T00:00:00.000Z' };
      const hits = await db.searchIndex.textSearch(s, { text: 'moved', tiers: ['episode'], limit: 10, filter: asOf });
      assert.deepEqual(hits.map((h) => h.itemId), [early.id]);
    });

    it('writes thousands of episodes in one statement batch and nothing of a batch that fails', async () => {
      const s = scope(randomUUID());
      const many = Array.from({ length: 5000 }, (_, i) => episode(s, { text: `entry ${i}` }));
      await db.episodes.insertMany(many);
      assert.equal((await db.episodes.statsSince(s)).count, 5000);
      const t = scope(randomUUID());
      const batch = Array.from({ length: 3000 }, (_, i) => episode(t, { text: `entry ${i}` }));
      batch.push({ ...batch[10]! });
      await assert.rejects(db.transaction((tx) => tx.episodes.insertMany(batch)));
      assert.equal((await db.episodes.statsSince(t)).count, 0);
    });
  });
}
