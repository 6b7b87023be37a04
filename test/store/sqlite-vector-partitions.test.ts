import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.js';
import { latestVersion } from '../../src/store/sql/migrations.js';
import { scope, unitVector } from '../support/fixtures.js';
import { tempDir } from '../support/stores.js';

/** How SQLite reads the chunks of one partition, as sqlite-vec asks for them on a search or an insert. */
function chunkLookupPlan(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT chunk_id FROM search_embeddings_chunks WHERE partition00 = 'some-scope/episode'").all() as Array<{ detail: string }>;
    return plan.map((step) => step.detail).join('; ');
  } finally {
    db.close();
  }
}

async function storeWithVectors(file: string): Promise<void> {
  const store = await openSqliteStore(file);
  try {
    await store.searchIndex.upsert([
      { scope: scope('a'), tier: 'episode', itemId: 'e1', text: 'one', embedding: unitVector(8, 0) },
      { scope: scope('b'), tier: 'episode', itemId: 'e2', text: 'two', embedding: unitVector(8, 1) },
    ]);
  } finally {
    await store.close();
  }
}

describe('SQLite: sqlite-vec partitions are found through an index, not a scan of every agent', () => {
  it('indexes the partitions of a new store once its first vector arrives', async () => {
    const file = path.join(tempDir(), 'store.db');
    await storeWithVectors(file);
    assert.match(chunkLookupPlan(file), /USING COVERING INDEX search_embeddings_chunks_partition/);
  });

  it('adds the index to a store made before it (schema version 6)', async () => {
    const file = path.join(tempDir(), 'store.db');
    await storeWithVectors(file);
    const db = new Database(file);
    db.exec('DROP INDEX search_embeddings_chunks_partition; DELETE FROM schema_migrations WHERE version = 7');
    db.close();
    assert.match(chunkLookupPlan(file), /SCAN search_embeddings_chunks/);
    const store = await openSqliteStore(file);
    try {
      assert.equal((await store.status()).schemaVersion, latestVersion(sqliteMigrations));
      assert.deepEqual((await store.searchIndex.getVectors(scope('b'), 'episode', ['e2'])).get('e2'), unitVector(8, 1));
    } finally {
      await store.close();
    }
    assert.match(chunkLookupPlan(file), /USING COVERING INDEX search_embeddings_chunks_partition/);
  });
});
