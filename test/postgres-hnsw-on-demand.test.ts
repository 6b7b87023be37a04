import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { episode, scope, unitVector } from './support/fixtures.js';
import { createTestDatabase } from './support/postgres.js';

const DIM = 64;
const filter = { now: '2026-06-01T00:00:00.000Z' };

async function indexState(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ valid: boolean }>("SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass('search_entries_hnsw')");
    return rows[0] === undefined ? 'missing' : rows[0].valid ? 'valid' : 'invalid';
  } finally {
    await client.end();
  }
}

describe('PostgreSQL: the HNSW index is built when a scope first outgrows exact scans', () => {
  it('scans small scopes exactly without an index, builds it in the background for a large one, then searches through it', async () => {
    const url = await createTestDatabase();
    const statements: string[] = [];
    const store = await openPostgresStore(url, { exactScanMax: 30, onQuery: (q) => statements.push(q.sql) });
    try {
      const small = scope('small');
      const large = scope('large');
      const write = async (s: typeof small, count: number) => {
        const episodes = Array.from({ length: count }, (_, i) => episode(s, { text: `entry ${i}` }));
        await store.transaction(async (tx) => {
          await tx.episodes.insertMany(episodes);
          await tx.searchIndex.upsert(episodes.map((e, i) => ({ scope: s, tier: 'episode', itemId: e.id, text: e.text, embedding: unitVector(DIM, i) })));
        });
        return episodes;
      };
      await write(small, 10);
      const [nearest] = await store.searchIndex.vectorSearch(small, { embedding: unitVector(DIM, 3), tiers: ['episode'], limit: 5, filter });
      assert.ok(nearest!.score > 0.99);
      assert.equal(await indexState(url), 'missing', 'no index while every scope is small');

      const stored = await write(large, 40);
      const before = await store.searchIndex.vectorSearch(large, { embedding: unitVector(DIM, 7), tiers: ['episode'], limit: 5, filter });
      assert.equal(before[0]!.itemId, stored[7]!.id, 'exact while the index is being built');
      const deadline = Date.now() + 60_000;
      while ((await indexState(url)) !== 'valid') {
        assert.ok(Date.now() < deadline, 'the index was built within a minute');
        await sleep(200);
      }
      await sleep(5_100); // a search looks for the index again after a few seconds
      statements.length = 0;
      const after = await store.searchIndex.vectorSearch(large, { embedding: unitVector(DIM, 7), tiers: ['episode'], limit: 5, filter });
      assert.equal(after[0]!.itemId, stored[7]!.id);
      assert.deepEqual(after.map((h) => h.score.toFixed(5)), before.map((h) => h.score.toFixed(5)), 'the same nearest neighbours (the rest tie)');
      assert.ok(statements.some((s) => s.includes(`::vector(${DIM})`) && s.includes('<=>')), 'the query ordered by the indexed expression');
    } finally {
      await store.close();
    }
  });
});
