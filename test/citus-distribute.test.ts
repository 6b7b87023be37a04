import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import { ConfigError } from '../src/errors.js';
import { createCitusTestDatabase } from './support/citus.js';
import { clusterNodes, databaseUrl, setUpCitusDatabase } from './support/citus-database.js';
import { queryRows, runSql } from './support/citus-node.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/stores.js';

const template = { sections: [{ id: 'plan' }, { id: 'notes' }] };

describe('agent-mem migrate --distribute', () => {
  it('distributes a database made before Citus was installed, with its data', async () => {
    // A plain PostgreSQL database on the cluster's coordinator, as before Citus was installed.
    const citusUrl = await createCitusTestDatabase();
    const { coordinator, workers } = await clusterNodes(citusUrl);
    const name = `agent_mem_plain_${randomUUID().replace(/-/g, '')}`;
    await runSql(databaseUrl(coordinator, 'postgres'), [`CREATE DATABASE ${name}`]);
    const url = databaseUrl(coordinator, name);
    const dataDir = tempDir();
    const before = await AgentMem.open({ databaseUrl: url, dataDir, tenantId: 'acme' });
    let episodeId: string;
    try {
      assert.equal((await before.status()).store.kind, 'postgres');
      const [first] = await before.addEpisodes({ externalId: 'agent-1', episodes: [{ text: 'Booked a ryokan in Kyoto for April', tags: ['travel'] }, { text: 'Prefers window seats' }] });
      episodeId = first!.id;
      const memory = await before.createActiveMemory({ externalId: 'agent-1', title: 'Trip', template });
      await before.updateActiveMemorySections({ externalId: 'agent-1', memoryId: memory.id, sections: [{ sectionId: 'plan', newContent: 'Alice flies to Kyoto with Bob' }] });
      await before.consolidate({ externalId: 'agent-1', memoryId: memory.id });
      await before.putFact({ externalId: 'agent-2', key: 'user.city', value: 'Lisbon' });
    } finally {
      await before.close();
    }

    // The operator installs Citus in it and adds the nodes.
    await setUpCitusDatabase(coordinator, workers, name);
    await assert.rejects(AgentMem.open({ databaseUrl: url, dataDir }), (e: unknown) => e instanceof ConfigError && /agent-mem migrate --distribute/.test(e.message));

    const migrated = await runCli(['--json', 'migrate', '--distribute', '--database-url', url], { ...process.env, AGENT_MEM_DIR: dataDir });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(JSON.parse(migrated.stdout).store.kind, 'citus');

    const after = await AgentMem.open({ databaseUrl: url, dataDir, tenantId: 'acme' });
    try {
      assert.equal((await after.status()).store.kind, 'citus');
      assert.equal((await after.listEpisodes({ externalId: 'agent-1' })).items.length, 2);
      const [found] = await after.retrieveMemories({ externalId: 'agent-1', query: 'Where is the ryokan?', tiers: ['episode'] });
      assert.equal(found?.id, episodeId);
      assert.equal((await after.getFact({ externalId: 'agent-2', key: 'user.city' })).value, 'Lisbon');
      assert.equal((await after.getConsolidationRuns({ externalId: 'agent-1' }))[0]?.status, 'succeeded');
      assert.ok((await after.retrieveMemories({ externalId: 'agent-1', query: 'Alice Kyoto', tiers: ['shortterm'] })).length > 0, 'short-term chunks moved with their index entries');
      await after.addEpisode({ externalId: 'agent-3', text: 'A new agent after the move' });
      assert.deepEqual((await after.listScopes()).map((s) => s.externalId), ['agent-1', 'agent-2', 'agent-3']);
    } finally {
      await after.close();
    }
    const local = await queryRows<{ bytes: string }>(url, "SELECT pg_relation_size('episodes') AS bytes");
    assert.equal(Number(local[0]!.bytes), 0, 'the local copy on the coordinator was truncated');
  });
});
