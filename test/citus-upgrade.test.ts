import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { createCitusTestDatabase } from './support/citus.js';
import { queryRows, runSql } from './support/citus-node.js';
import { tempDir } from './support/stores.js';

describe('Citus: a distributed store upgrades in place', () => {
  it('applies a migration that adds columns and tables to distributed tables, and distributes the new ones', async () => {
    const url = await createCitusTestDatabase();
    await (await openPostgresStore(url)).close();
    // Back to schema version 3: before conversations (sessions, turn vectors, episode columns) and background work.
    await runSql(url, [
      'DROP TABLE sleep_triggers',
      'DROP TABLE sleep_requests',
      'DROP TABLE pending_consolidations',
      'DROP INDEX runs_running',
      'DROP TABLE turn_vectors',
      'DROP TABLE sessions',
      'ALTER TABLE episodes DROP COLUMN session_id, DROP COLUMN position, DROP COLUMN speaker',
      'DELETE FROM schema_migrations WHERE version >= 4',
    ]);
    const mem = await AgentMem.open({ databaseUrl: url, dataDir: tempDir() });
    try {
      assert.ok((await mem.status()).store.schemaVersion >= 5);
      const distributed = await queryRows<{ name: string }>(url, 'SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition');
      for (const table of ['sessions', 'turn_vectors', 'sleep_triggers', 'sleep_requests', 'pending_consolidations']) assert.ok(distributed.some((r) => r.name === table), `${table} is distributed`);
      const episodes = await mem.addMessages({ externalId: 'agent-1', sessionId: 's1', messages: [{ role: 'user', content: 'Book a table for two' }, { role: 'assistant', content: 'Done, 8 pm' }] });
      assert.deepEqual(episodes.map((e) => e.position), [0, 1]);
    } finally {
      await mem.close();
    }
  });
});
