import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { after, before, describe, it } from 'node:test';
import { callTool, httpClient } from './support/mcp.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/**
 * Arguments for every MCP tool, pointing at the first tenant's rows. A new tool without an entry
 * here fails this suite, so every tool gets tried with another tenant's key.
 */
function sampleArguments(ids: { externalId: string; memoryId: string; runId: string; key: string }): Record<string, Record<string, unknown>> {
  const { externalId, memoryId, runId, key } = ids;
  return {
    list_scopes: {},
    get_active_memories: { externalId },
    create_active_memory: { externalId, title: 'Intruder', template: { sections: [{ id: 'goals' }] } },
    update_memory_sections: { externalId, memoryId, sections: [{ sectionId: 'goals', newContent: 'overwritten by tenant b' }] },
    update_memory_section: { externalId, memoryId, sectionId: 'goals', newContent: 'overwritten by tenant b' },
    delete_active_memory: { externalId, memoryId },
    search_memories: { externalId, query: 'secret' },
    get_context: { externalId, task: 'secret' },
    record_outcome: { externalId, task: 'steal', outcome: 'nothing', success: false },
    add_episode: { externalId, text: 'written by tenant b' },
    add_messages: { externalId, sessionId: 'chat', messages: [{ role: 'user', content: 'written by tenant b' }] },
    list_episodes: { externalId },
    consolidate_now: { externalId, memoryId },
    get_consolidation_report: { externalId, runId },
    run_sleep_cycle: { externalId },
    get_sleep_triggers: { externalId },
    set_sleep_triggers: { externalId, triggers: { events: ['x'] } },
    delete_sleep_triggers: { externalId },
    queue_sleep_cycle: { externalId },
    emit_sleep_event: { externalId, event: 'x' },
    put_fact: { externalId, key, value: 'overwritten by tenant b' },
    get_fact: { externalId, key },
    list_facts: { externalId, includeHistory: true },
    delete_fact: { externalId, key },
  };
}

for (const kind of STORE_KINDS) {
  describe(`MCP tenancy over streamable HTTP (${kind})`, () => {
    let server: ServerProcess;
    let a: Client;
    let b: Client;
    before(async () => {
      server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a,key-b:tenant-b' });
      [a, b] = await Promise.all([httpClient(server.url, 'key-a'), httpClient(server.url, 'key-b')]);
    });
    after(async () => {
      await Promise.all([a.close(), b.close()]);
      await server.stop();
    });

    it("never shows or changes one tenant's data through another tenant's key, in every tool", async () => {
      const secret = `secret-${randomUUID()}`;
      const externalId = 'shared-agent';
      const memory = (await callTool(a, 'create_active_memory', { externalId, title: secret, template: { sections: [{ id: 'goals' }] }, initialSections: { goals: secret } })).value;
      await callTool(a, 'add_episode', { externalId, text: secret });
      await callTool(a, 'put_fact', { externalId, key: 'user.secret', value: secret });
      const run = (await callTool(a, 'consolidate_now', { externalId, memoryId: memory.id })).value;
      const snapshot = async () => [
        (await callTool(a, 'get_active_memories', { externalId })).text,
        (await callTool(a, 'list_episodes', { externalId })).text,
        (await callTool(a, 'list_facts', { externalId, includeHistory: true })).text,
      ];
      const before = await snapshot();
      const samples = sampleArguments({ externalId, memoryId: memory.id, runId: run.id, key: 'user.secret' });

      const { tools } = await b.listTools();
      for (const tool of tools) {
        assert.ok(tool.name in samples, `no sample arguments for ${tool.name}: add them to this suite`);
        const answer = await callTool(b, tool.name, samples[tool.name]!);
        assert.ok(!answer.text.includes(secret), `${tool.name} leaked tenant a's data`);
        if (answer.isError) assert.match(answer.text, /not found|no consolidation run/, `${tool.name}: ${answer.text}`);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });
}
