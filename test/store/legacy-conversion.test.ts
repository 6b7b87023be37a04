import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as sqliteVec from 'sqlite-vec';
import type { Store } from '../../src/store/port.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.js';
import { postgresMigrations } from '../../src/store/postgres/migrations.js';
import { latestVersion } from '../../src/store/sql/migrations.js';
import { LEGACY_CORE_SQL, LEGACY_POSTGRES_SEARCH_SQL, LEGACY_ROWS_SQL, LEGACY_SQLITE_SEARCH_SQL, T0, T1 } from '../support/legacy-schema.js';
import { createTestDatabase } from '../support/postgres.js';
import { tempDir } from '../support/stores.js';

const scope = { tenantId: 'acme', externalId: 'agent 1' };
const EPISODE_TEXT = 'Prefers window seats on long flights';
const FACT_TEXT = 'user.seat: window (user seat)';

/** Every row of the first-schema store, read back through the repositories of the scoped one. */
async function assertConverted(store: Store): Promise<void> {
  const memory = (await store.active.get(scope, 'm1'))!;
  assert.deepEqual(memory.sections.map((s) => [s.id, s.title, s.content, s.updateCount]), [
    ['plan', 'Plan', 'Fly to Kyoto in April', 2],
    ['notes', undefined, '', 0],
  ]);
  assert.deepEqual([memory.metadata, memory.createdAt, memory.updatedAt], [{ source: 'legacy' }, T0, T1]);
  const shortterm = (await store.shortterm.getForMemory(scope, 'm1'))!;
  assert.deepEqual([shortterm.id, shortterm.updateCount, shortterm.metadata], ['st1', 3, { promotionHistory: [] }]);
  assert.deepEqual((await store.shortterm.listChunks(scope, { shorttermId: 'st1' })).map((c) => c.content), ['Fly to Kyoto']);
  assert.deepEqual((await store.graph('shortterm').listEntities(scope)).map((e) => [e.name, e.types, e.shorttermId]), [['Kyoto', ['place'], 'st1']]);
  assert.deepEqual((await store.graph('shortterm').listRelationships(scope)).map((r) => [r.sourceName, r.type, r.strength]), [['User', 'visits', 0.5]]);
  assert.deepEqual((await store.longterm.listChunks(scope, { includeEnded: true })).map((c) => [c.content, c.startDate, c.endDate]), [['Visited Osaka', T0, T1]]);
  const [osaka] = await store.graph('longterm').listEntities(scope);
  assert.deepEqual([osaka!.types, osaka!.metadata], [['place', 'city'], { stateHistory: [{ at: T0 }] }]);
  assert.deepEqual((await store.graph('longterm').listRelationships(scope)).map((r) => [r.targetName, r.startDate, r.endDate]), [['Osaka', T0, null]]);
  const episode = (await store.episodes.get(scope, 'e1'))!;
  assert.deepEqual([episode.tags, episode.metadata, episode.accessCount, episode.occurredAt, episode.lastAccessedAt], [['travel', 'seat'], { source: 'chat' }, 3, T0, T1]);
  assert.deepEqual([episode.sessionId, episode.position, episode.speaker], [null, null, null], 'the conversation columns are there, empty');
  assert.equal(await store.sessions.reserve(scope, 'chat-1', 2, T1), 0, 'and so is the sessions table');
  assert.deepEqual((await store.facts.history(scope, 'user.seat')).map((f) => [f.value, f.validFrom, f.validTo, f.evidenceIds]), [
    ['aisle', T0, T1, ['e1']],
    ['window', T1, null, ['e1']],
  ]);
  assert.deepEqual((await store.runs.list(scope)).map((r) => [r.kind, r.status, r.counts, r.report]), [['consolidation', 'succeeded', { chunksCreated: 1 }, { resolver: 'deterministic' }]]);
  assert.deepEqual(await store.scopes.list('acme'), [{ externalId: 'agent 1', activeMemories: 1, episodes: 1, facts: 1 }]);
  const filter = { now: '2026-06-01T00:00:00.000Z' };
  const text = await store.searchIndex.textSearch(scope, { text: 'window seats', tiers: ['episode', 'fact'], limit: 5, filter });
  assert.deepEqual(new Set(text.map((h) => h.itemId)), new Set(['e1', 'f2']));
  const vector = await store.searchIndex.vectorSearch(scope, { embedding: Float32Array.from([0, 1, 0, 0]), tiers: ['episode', 'fact'], limit: 5, filter });
  assert.deepEqual(vector.map((h) => h.itemId), ['f2', 'e1']);
  assert.ok(Math.abs(vector[0]!.score - 1) < 1e-5, 'scores are still cosine similarities');
  assert.ok(await store.locks.tryAcquire(['consolidation', 'acme', 'agent 1', 'm1'], 1000), 'old lock rows are gone');
}

describe('opening a store of the first schema converts it in place, with every row', () => {
  it('on SQLite (vectors still in the cosine table of before migration 3)', async () => {
    const file = path.join(tempDir(), 'agent-mem.db');
    const db = new Database(file);
    sqliteVec.load(db);
    db.exec(LEGACY_CORE_SQL + LEGACY_SQLITE_SEARCH_SQL + LEGACY_ROWS_SQL);
    db.exec('CREATE VIRTUAL TABLE search_vec USING vec0(partition_key TEXT PARTITION KEY, embedding float[4] distance_metric=cosine)');
    const indexed = [
      { id: 1, tier: 'episode', itemId: 'e1', text: EPISODE_TEXT, vector: [1, 0, 0, 0] },
      { id: 2, tier: 'fact', itemId: 'f2', text: FACT_TEXT, vector: [0, 1, 0, 0] },
    ];
    for (const item of indexed) {
      db.prepare('INSERT INTO search_items VALUES (?, ?, ?, ?, ?)').run(item.id, scope.tenantId, scope.externalId, item.tier, item.itemId);
      db.prepare('INSERT INTO search_fts (rowid, text, scope_key, tier) VALUES (?, ?, ?, ?)').run(item.id, item.text, 'old-key', item.tier);
      db.prepare('INSERT INTO search_vec (rowid, partition_key, embedding) VALUES (?, ?, ?)').run(BigInt(item.id), `old-key_${item.tier}`, Buffer.from(Float32Array.from(item.vector).buffer));
    }
    db.close();
    const store = await openSqliteStore(file);
    try {
      await assertConverted(store);
      assert.equal((await store.status()).schemaVersion, latestVersion(sqliteMigrations));
    } finally {
      await store.close();
    }
  });

  it('on PostgreSQL (TEXT columns to timestamptz, jsonb, text[]; REAL[] vectors to pgvector)', async () => {
    const url = await createTestDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(LEGACY_CORE_SQL + LEGACY_POSTGRES_SEARCH_SQL + LEGACY_ROWS_SQL);
      await client.query(`INSERT INTO search_items (tenant_id, external_id, tier, item_id, text, embedding) VALUES
        ('acme', 'agent 1', 'episode', 'e1', '${EPISODE_TEXT}', '{1,0,0,0}'), ('acme', 'agent 1', 'fact', 'f2', '${FACT_TEXT}', '{0,1,0,0}')`);
    } finally {
      await client.end();
    }
    const store = await openPostgresStore(url, { exactScanMax: 0 });
    try {
      await assertConverted(store);
      assert.deepEqual([(await store.status()).schemaVersion, store.vectorMode], [latestVersion(postgresMigrations({ pgvector: true })), 'pgvector-hnsw']);
    } finally {
      await store.close();
    }
  });
});
