import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { after, before, describe, it } from 'node:test';
import { callTool, httpClient, stdioClient } from './support/mcp.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const expectedTools = [
  'get_active_memories',
  'create_active_memory',
  'update_memory_sections',
  'update_memory_section',
  'delete_active_memory',
  'search_memories',
  'get_context',
  'add_episode',
  'add_messages',
  'put_fact',
  'get_fact',
  'consolidate_now',
  'get_consolidation_report',
];
const template = { sections: [{ id: 'profile', title: 'User profile' }, { id: 'tasks' }] };

/** The same behaviour over either transport. */
function toolBehaviour(client: () => Client) {
  it('lists the memory tools with descriptions and input schemas', async () => {
    const { tools } = await client().listTools();
    for (const name of expectedTools) {
      const tool = tools.find((t) => t.name === name);
      assert.ok(tool, `missing tool ${name}`);
      assert.ok((tool.description ?? '').length > 40);
      assert.equal(tool.inputSchema.type, 'object');
    }
    assert.ok(tools.find((t) => t.name === 'update_memory_sections')!.inputSchema.required!.includes('sections'));
  });

  it('creates a memory, batch-updates it with consolidationInfo, and deletes it', async () => {
    const created = await callTool(client(), 'create_active_memory', { externalId: 'user-1', title: 'Support', template });
    assert.equal(created.isError, false, created.text);
    const id = created.value.id as string;
    const updated = await callTool(client(), 'update_memory_sections', {
      externalId: 'user-1',
      memoryId: id,
      sections: [{ sectionId: 'profile', newContent: 'Prefers email' }, { sectionId: 'tasks', newContent: 'Fix the printer' }],
    });
    assert.equal(updated.isError, false, updated.text);
    assert.deepEqual(updated.value.consolidationInfo, { totalUpdateCount: 2, threshold: 10, willConsolidate: false });
    const single = await callTool(client(), 'update_memory_section', { externalId: 'user-1', memoryId: id, sectionId: 'tasks', newContent: 'Printer fixed' });
    assert.equal(single.value.consolidationInfo.totalUpdateCount, 3);
    const listed = await callTool(client(), 'get_active_memories', { externalId: 'user-1' });
    assert.deepEqual(listed.value.memories.map((m: { id: string }) => m.id), [id]);
    assert.equal((await callTool(client(), 'delete_active_memory', { externalId: 'user-1', memoryId: id })).isError, false);
    assert.deepEqual((await callTool(client(), 'get_active_memories', { externalId: 'user-1' })).value.memories, []);
  });

  it('puts and gets facts', async () => {
    const put = await callTool(client(), 'put_fact', { externalId: 'user-3', key: 'user.language', value: 'Portuguese', category: 'preference' });
    assert.equal(put.isError, false, put.text);
    await callTool(client(), 'put_fact', { externalId: 'user-3', key: 'user.language', value: 'English' });
    assert.equal((await callTool(client(), 'get_fact', { externalId: 'user-3', key: 'user.language' })).value.value, 'English');
    assert.deepEqual((await callTool(client(), 'list_facts', { externalId: 'user-3', includeHistory: true })).value.facts.map((f: { value: string }) => f.value).sort(), ['English', 'Portuguese']);
    const missing = await callTool(client(), 'get_fact', { externalId: 'user-3', key: 'user.unknown' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /not found/);
    const bad = await callTool(client(), 'put_fact', { externalId: 'user-3', key: 'k', value: 'v', confidence: 3 });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /confidence/);
  });

  it('records episodes, searches them, consolidates and reports', async () => {
    const episode = await callTool(client(), 'add_episode', { externalId: 'user-4', text: 'The user is allergic to peanuts', type: 'observation', importance: 0.9 });
    assert.equal(episode.isError, false, episode.text);
    const found = await callTool(client(), 'search_memories', { externalId: 'user-4', query: 'peanut allergy', limit: 3 });
    assert.equal(found.isError, false, found.text);
    assert.equal(found.value.results[0].id, episode.value.id);
    await callTool(client(), 'add_episode', { externalId: 'user-4', text: 'Peanut butter is in the pantry', metadata: { room: 'kitchen' } });
    const inKitchen = await callTool(client(), 'search_memories', { externalId: 'user-4', query: 'peanut', metadata: { room: 'kitchen' } });
    assert.deepEqual(inKitchen.value.results.map((r: { content: string }) => r.content), ['Peanut butter is in the pantry']);
    assert.equal((await callTool(client(), 'list_episodes', { externalId: 'user-4' })).value.items.length, 2);
    const none = await callTool(client(), 'get_consolidation_report', { externalId: 'user-4' });
    assert.equal(none.isError, true);
    const memory = (await callTool(client(), 'create_active_memory', { externalId: 'user-4', title: 'Diet', template, initialSections: { profile: 'Allergic to peanuts' } })).value;
    await callTool(client(), 'update_memory_sections', { externalId: 'user-4', memoryId: memory.id, sections: [{ sectionId: 'tasks', newContent: 'Find peanut-free restaurants in Lyon' }] });
    const run = await callTool(client(), 'consolidate_now', { externalId: 'user-4', memoryId: memory.id });
    assert.equal(run.isError, false, run.text);
    assert.equal(run.value.kind, 'consolidation');
    assert.equal((await callTool(client(), 'get_consolidation_report', { externalId: 'user-4' })).value.id, run.value.id);
    assert.equal((await callTool(client(), 'get_consolidation_report', { externalId: 'user-4', runId: run.value.id })).value.status, run.value.status);
    const badSearch = await callTool(client(), 'search_memories', { externalId: 'user-4', query: 'x', limit: 1000 });
    assert.equal(badSearch.isError, true);
    assert.match(badSearch.text, /limit/);
  });

  it('records messages; search and context answer one line per memory, the full results as structuredContent', async () => {
    const added = await callTool(client(), 'add_messages', {
      externalId: 'user-7',
      messages: [
        { role: 'user', name: 'Ana', content: 'My sister Lucia moves to Porto in June.', createdAt: '2026-04-02T09:00:00Z' },
        { role: 'assistant', content: 'I will remember that Lucia moves to Porto.', createdAt: '2026-04-02T09:00:05Z' },
      ],
    });
    assert.equal(added.isError, false, added.text);
    const { sessionId, episodes } = added.value as { sessionId: string; episodes: Array<{ id: string; sessionId: string; position: number }> };
    assert.deepEqual(episodes.map((e) => [e.sessionId, e.position]), [[sessionId, 0], [sessionId, 1]]);
    await callTool(client(), 'add_episode', { externalId: 'user-7', text: 'Porto trip budget is 400 euros', occurredAt: '2026-03-01T10:00:00Z' });

    const found = await callTool(client(), 'search_memories', { externalId: 'user-7', query: 'When does Lucia move to Porto?', sessionId });
    assert.equal(found.isError, false, found.text);
    const results = found.value.results as Array<{ id: string; provenance: { sessionId: string } }>;
    assert.deepEqual(new Set(results.map((r) => r.id)), new Set(episodes.map((e) => e.id)));
    assert.ok(results.every((r) => r.provenance.sessionId === sessionId));
    const lines = found.text.split('\n');
    assert.equal(lines.length, results.length);
    lines.forEach((line, i) => assert.match(line, new RegExp(`^\\[2026-04-02 · episode · ${results[i]!.id}\\] (Ana|assistant): `)));
    assert.ok(!found.text.includes('"scores"'), 'no JSON for the model to read');

    const context = await callTool(client(), 'get_context', { externalId: 'user-7', task: 'plan a Porto visit', groupBySession: true });
    assert.equal(context.isError, false, context.text);
    assert.equal(context.text.split('\n').length, context.value.memories.length);
    assert.match(context.text, /^\[2026-0\d-\d\d · episode · [0-9a-f-]{36}\] /m);
    assert.equal(typeof context.value.prompt, 'string');

    const { tools } = await client().listTools();
    for (const name of ['search_memories', 'get_context']) assert.equal(tools.find((t) => t.name === name)!.outputSchema?.type, 'object', `${name} declares its output`);
    const empty = await callTool(client(), 'search_memories', { externalId: 'nobody-7', query: 'anything' });
    assert.equal(empty.text, 'No memories found.');

    const bad = await callTool(client(), 'add_messages', { externalId: 'user-8', messages: [{ role: 'narrator', content: 'Once upon a time' }] });
    assert.equal(bad.isError, true);
    assert.equal(bad.error.issues[0].field, 'messages.0.role');
    assert.deepEqual((await callTool(client(), 'list_episodes', { externalId: 'user-8' })).value.items, []);
  });

  it('returns bad arguments and unknown ids as isError results with the reason', async () => {
    const missing = await callTool(client(), 'create_active_memory', { externalId: 'user-2', title: 'T' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /template/);
    const created = (await callTool(client(), 'create_active_memory', { externalId: 'user-2', title: 'T', template })).value;
    const unknownSection = await callTool(client(), 'update_memory_sections', { externalId: 'user-2', memoryId: created.id, sections: [{ sectionId: 'nope', newContent: 'x' }] });
    assert.equal(unknownSection.isError, true);
    assert.match(unknownSection.text, /no section "nope"/);
    const unknownMemory = await callTool(client(), 'delete_active_memory', { externalId: 'user-2', memoryId: 'missing' });
    assert.equal(unknownMemory.isError, true);
    assert.match(unknownMemory.text, /not found/);
  });

  it('answers errors with a machine-readable code in structuredContent', async () => {
    const bad = await callTool(client(), 'put_fact', { externalId: 'user-5', key: 'k', value: 'v', confidence: 3 });
    assert.deepEqual(bad.error, { code: 'validation', message: bad.text, issues: [{ field: 'confidence', reason: 'must be between 0 and 1' }] });
    const missing = await callTool(client(), 'get_fact', { externalId: 'user-5', key: 'user.unknown' });
    assert.equal(missing.error.code, 'not_found');
    assert.equal(missing.error.message, missing.text);
    const created = (await callTool(client(), 'create_active_memory', { externalId: 'user-5', title: 'T', template })).value;
    const unknownSection = await callTool(client(), 'update_memory_section', { externalId: 'user-5', memoryId: created.id, sectionId: 'nope', newContent: 'x' });
    assert.equal(unknownSection.error.code, 'validation');
  });

  it('rejects unknown arguments as validation errors naming them, and writes nothing', async () => {
    const misspelled = await callTool(client(), 'search_memories', { externalId: 'user-6', query: 'anything', limt: 3 });
    assert.equal(misspelled.isError, true);
    assert.match(misspelled.text, /limt: unknown field/);
    assert.deepEqual(misspelled.error.issues, [{ field: 'limt', reason: 'unknown field' }]);
    const extra = await callTool(client(), 'add_episode', { externalId: 'user-6', text: 'hello', metadataa: { source: 'chat' } });
    assert.equal(extra.isError, true);
    assert.deepEqual(extra.error, { code: 'validation', message: extra.text, issues: [{ field: 'metadataa', reason: 'unknown field' }] });
    const proto = await callTool(client(), 'add_episode', { externalId: 'user-6', text: 'hello', metadata: JSON.parse('{"__proto__": {"admin": true}}') });
    assert.deepEqual(proto.error.issues, [{ field: 'metadata.__proto__', reason: 'the key __proto__ is reserved' }]);
    assert.deepEqual((await callTool(client(), 'list_episodes', { externalId: 'user-6' })).value.items, []);
  });
}

for (const kind of STORE_KINDS) {
  describe(`MCP over stdio (${kind})`, () => {
    let client: Client;
    before(async () => (client = await stdioClient(await storeEnv(kind))));
    after(() => client.close());
    toolBehaviour(() => client);
  });

  describe(`MCP over streamable HTTP (${kind})`, () => {
    let server: ServerProcess;
    let client: Client;
    before(async () => {
      server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a,key-b:tenant-b' });
      client = await httpClient(server.url, 'key-a');
    });
    after(async () => {
      await client.close();
      await server.stop();
    });
    toolBehaviour(() => client);

    it("keeps each key's tenant apart and refuses a missing key", async () => {
      const created = (await callTool(client, 'create_active_memory', { externalId: 'shared', title: 'secret plans', template })).value;
      const other = await httpClient(server.url, 'key-b');
      try {
        assert.deepEqual((await callTool(other, 'get_active_memories', { externalId: 'shared' })).value.memories, []);
        const update = await callTool(other, 'update_memory_section', { externalId: 'shared', memoryId: created.id, sectionId: 'tasks', newContent: 'x' });
        assert.equal(update.isError, true);
        assert.equal((await callTool(other, 'delete_active_memory', { externalId: 'shared', memoryId: created.id })).isError, true);
      } finally {
        await other.close();
      }
      assert.equal((await callTool(client, 'get_active_memories', { externalId: 'shared' })).value.memories.length, 1);
      await assert.rejects(httpClient(server.url), /401|unauthorized|API key/i);
    });
  });
}
