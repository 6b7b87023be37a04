import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient, type ApiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const template = { sections: [{ id: 'goals', title: 'Goals' }, { id: 'notes' }] };

for (const kind of STORE_KINDS) {
  describe(`REST server (${kind})`, () => {
    let server: ServerProcess;
    let a: ApiClient;
    before(async () => {
      server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a,key-b:tenant-b' });
      a = apiClient(server.url, 'key-a');
    });
    after(() => server.stop());

    it('answers health, readiness and the OpenAPI document without a key', async () => {
      const anonymous = apiClient(server.url);
      assert.deepEqual((await anonymous('GET', '/healthz')).body, { status: 'ok' });
      assert.deepEqual((await anonymous('GET', '/readyz')).body, { status: 'ready' });
      const doc = (await anonymous('GET', '/v1/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      const post = doc.paths['/v1/scopes/{externalId}/active-memories'].post;
      assert.equal(post.operationId, 'createActiveMemory');
      assert.ok(post.requestBody.content['application/json'].schema.properties.template);
    });

    it('refuses a missing or unknown key', async () => {
      const missing = await apiClient(server.url)('GET', '/v1/scopes/x/active-memories');
      assert.equal(missing.status, 401);
      assert.match(missing.body.error.message, /API key is required/);
      assert.equal((await apiClient(server.url, 'nope')('GET', '/v1/scopes/x/active-memories')).status, 401);
      const viaHeader = await apiClient(server.url)('GET', '/v1/scopes/x/active-memories', undefined, { 'x-api-key': 'key-a' });
      assert.equal(viaHeader.status, 200);
    });

    it('creates, reads, batch-updates and deletes an active memory', async () => {
      const created = await a('POST', '/v1/scopes/agent-1/active-memories', { title: 'Trip', template, initialSections: { goals: 'Visit Kyoto' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.tenantId, 'tenant-a');
      const id = created.body.id as string;
      const batch = await a('PATCH', `/v1/scopes/agent-1/active-memories/${id}/sections`, {
        sections: [{ sectionId: 'goals', newContent: 'Visit Kyoto and Osaka' }, { sectionId: 'notes', newContent: 'JR pass' }],
      });
      assert.equal(batch.status, 200);
      assert.deepEqual(batch.body.consolidationInfo, { totalUpdateCount: 2, threshold: 10, willConsolidate: false });
      const single = await a('PUT', `/v1/scopes/agent-1/active-memories/${id}/sections/notes`, { newContent: 'JR pass, 7 days' });
      assert.equal(single.body.memory.sections[1].content, 'JR pass, 7 days');
      assert.equal(single.body.consolidationInfo.totalUpdateCount, 3);
      const listed = await a('GET', '/v1/scopes/agent-1/active-memories');
      assert.deepEqual(listed.body.memories.map((m: { id: string }) => m.id), [id]);
      assert.equal((await a('DELETE', `/v1/scopes/agent-1/active-memories/${id}`)).status, 204);
      assert.equal((await a('GET', `/v1/scopes/agent-1/active-memories/${id}`)).status, 404);
    });

    it('writes, versions, lists and deletes facts', async () => {
      const first = await a('PUT', '/v1/scopes/agent-3/facts/user.favorite_color', { value: 'blue', category: 'preference' });
      assert.equal(first.status, 200);
      assert.equal(first.body.value, 'blue');
      await a('PUT', '/v1/scopes/agent-3/facts/user.favorite_color', { value: 'green', category: 'preference' });
      assert.equal((await a('GET', '/v1/scopes/agent-3/facts/user.favorite_color')).body.value, 'green');
      const asOf = encodeURIComponent(first.body.validFrom);
      assert.equal((await a('GET', `/v1/scopes/agent-3/facts/user.favorite_color?asOf=${asOf}`)).body.value, 'blue');
      assert.deepEqual((await a('GET', '/v1/scopes/agent-3/facts/user.favorite_color/history')).body.versions.map((f: { value: string }) => f.value), ['blue', 'green']);
      await a('PUT', '/v1/scopes/agent-3/facts/user.city', { value: 'Lisbon' });
      const listed = (await a('GET', '/v1/scopes/agent-3/facts?category=preference')).body.facts;
      assert.deepEqual(listed.map((f: { key: string }) => f.key), ['user.favorite_color']);
      assert.equal((await a('GET', '/v1/scopes/agent-3/facts?includeHistory=true')).body.facts.length, 3);
      const badQuery = await a('GET', '/v1/scopes/agent-3/facts?includeHistory=yes');
      assert.equal(badQuery.status, 400);
      assert.equal(badQuery.body.error.issues[0].field, 'includeHistory');
      const badBody = await a('PUT', '/v1/scopes/agent-3/facts/user.city', { value: 'x', confidence: 2 });
      assert.deepEqual(badBody.body.error.issues, [{ field: 'confidence', reason: 'must be between 0 and 1' }]);
      assert.equal((await a('DELETE', '/v1/scopes/agent-3/facts/user.city')).status, 204);
      assert.equal((await a('GET', '/v1/scopes/agent-3/facts/user.city')).status, 404);
      assert.equal((await a('DELETE', '/v1/scopes/agent-3/facts/user.city')).status, 404);
    });

    it('records, filters, reads and deletes episodes', async () => {
      const one = await a('POST', '/v1/scopes/agent-4/episodes', { text: 'Booked a ryokan in Kyoto', type: 'task_outcome', importance: 0.9, tags: ['travel'] });
      assert.equal(one.status, 201);
      const batch = await a('POST', '/v1/scopes/agent-4/episodes/batch', {
        episodes: [{ text: 'Prefers window seats', type: 'preference', tags: ['travel', 'flights'] }, { text: 'Asked about the weather', importance: 0.1 }],
      });
      assert.equal(batch.body.episodes.length, 2);
      const travel = (await a('GET', '/v1/scopes/agent-4/episodes?tags=travel&types=preference,task_outcome')).body;
      assert.deepEqual(travel.items.map((e: { text: string }) => e.text).sort(), ['Booked a ryokan in Kyoto', 'Prefers window seats']);
      const important = (await a('GET', '/v1/scopes/agent-4/episodes?minImportance=0.8')).body.items;
      assert.deepEqual(important.map((e: { id: string }) => e.id), [one.body.id]);
      const paged = (await a('GET', '/v1/scopes/agent-4/episodes?limit=2')).body;
      assert.equal(paged.items.length, 2);
      assert.ok(paged.nextCursor);
      const badType = await a('GET', '/v1/scopes/agent-4/episodes?types=dream');
      assert.equal(badType.status, 400);
      assert.match(badType.body.error.issues[0].field, /^types/);
      assert.equal((await a('GET', `/v1/scopes/agent-4/episodes/${one.body.id}`)).body.text, 'Booked a ryokan in Kyoto');
      assert.equal((await a('DELETE', `/v1/scopes/agent-4/episodes/${one.body.id}`)).status, 204);
      assert.equal((await a('GET', `/v1/scopes/agent-4/episodes/${one.body.id}`)).status, 404);
      const bad = await a('POST', '/v1/scopes/agent-4/episodes', { text: '  ', importance: 3 });
      assert.deepEqual(bad.body.error.issues.map((i: { field: string }) => i.field).sort(), ['importance', 'text']);
    });

    it('filters episodes and searches by metadata, and tells its status', async () => {
      await a('POST', '/v1/scopes/agent-m/episodes/batch', {
        episodes: [
          { text: 'Kickoff of the Apollo launch', metadata: { project: 'apollo', priority: 2 } },
          { text: 'Kickoff of the Gemini launch', metadata: { project: 'gemini', priority: 2 } },
        ],
      });
      const listed = (await a('GET', `/v1/scopes/agent-m/episodes?metadata=${encodeURIComponent('{"project":"apollo"}')}`)).body.items;
      assert.deepEqual(listed.map((e: { text: string }) => e.text), ['Kickoff of the Apollo launch']);
      const found = (await a('POST', '/v1/scopes/agent-m/search', { query: 'launch kickoff', metadata: { project: 'gemini' } })).body.results;
      assert.deepEqual(found.map((r: { content: string }) => r.content), ['Kickoff of the Gemini launch']);
      const notJson = await a('GET', '/v1/scopes/agent-m/episodes?metadata=project%3Dapollo');
      assert.deepEqual([notJson.status, notJson.body.error.issues[0].field], [400, 'metadata']);
      const nested = await a('POST', '/v1/scopes/agent-m/search', { query: 'launch', metadata: { project: { name: 'apollo' } } });
      assert.equal(nested.status, 400);
      const status = (await a('GET', '/v1/status')).body;
      assert.deepEqual([status.store.kind, status.embedder.id, status.llm], [kind, 'local:use-en-512', false]);
    });

    it('searches every tier and filters by tier', async () => {
      await a('POST', '/v1/scopes/agent-5/episodes', { text: 'The user adopted a golden retriever puppy named Biscuit' });
      await a('PUT', '/v1/scopes/agent-5/facts/user.pet', { value: 'a golden retriever called Biscuit' });
      await a('POST', '/v1/scopes/agent-5/episodes', { text: 'Quarterly tax filing is due in April' });
      const all = await a('POST', '/v1/scopes/agent-5/search', { query: 'dog named Biscuit', limit: 5 });
      assert.equal(all.status, 200);
      assert.ok(all.body.results.length >= 2);
      assert.match(all.body.results[0].content, /Biscuit/);
      const factsOnly = (await a('POST', '/v1/scopes/agent-5/search', { query: 'Biscuit', tiers: ['fact'] })).body.results;
      assert.ok(factsOnly.length >= 1 && factsOnly.every((r: { tier: string }) => r.tier === 'fact'));
      const bad = await a('POST', '/v1/scopes/agent-5/search', { query: '', tiers: ['nowhere'] });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.issues.map((i: { field: string }) => i.field).sort(), ['query', 'tiers.0']);
    });

    it('consolidates on demand and reports the runs', async () => {
      const created = (await a('POST', '/v1/scopes/agent-6/active-memories', { title: 'Project', template })).body;
      await a('PATCH', `/v1/scopes/agent-6/active-memories/${created.id}/sections`, {
        sections: [{ sectionId: 'goals', newContent: 'Ship the billing service with Alice by March' }, { sectionId: 'notes', newContent: 'Alice works at Acme in Berlin' }],
      });
      const run = await a('POST', `/v1/scopes/agent-6/active-memories/${created.id}/consolidate`);
      assert.equal(run.status, 200);
      assert.equal(run.body.kind, 'consolidation');
      assert.equal(run.body.memoryId, created.id);
      const runs = (await a('GET', `/v1/scopes/agent-6/consolidation-runs?memoryId=${created.id}`)).body.runs;
      assert.ok(runs.some((r: { id: string }) => r.id === run.body.id));
      assert.equal((await a('GET', `/v1/scopes/agent-6/consolidation-runs/${run.body.id}`)).body.id, run.body.id);
      assert.equal((await a('GET', '/v1/scopes/agent-6/consolidation-runs/nope')).status, 404);
      const shortTerm = await a('GET', `/v1/scopes/agent-6/active-memories/${created.id}/short-term`);
      assert.equal(shortTerm.status, 200);
      assert.ok(shortTerm.body.chunks.length >= 1);
      assert.equal((await a('GET', '/v1/scopes/agent-6/long-term?includeEnded=true')).status, 200);
      assert.equal((await a('GET', '/v1/scopes/agent-6/long-term?asOf=yesterday')).status, 400);
    });

    it('runs a sleep cycle and lists its report', async () => {
      await a('POST', '/v1/scopes/agent-7/episodes/batch', {
        episodes: [
          { text: 'The user prefers green tea in the morning', type: 'preference', importance: 0.9 },
          { text: 'The user drinks green tea every morning', type: 'preference', importance: 0.9 },
          { text: 'The user likes green tea before work', type: 'preference', importance: 0.9 },
        ],
      });
      const report = await a('POST', '/v1/scopes/agent-7/sleep', { minClusterSize: 2 });
      assert.equal(report.status, 200);
      assert.equal(report.body.externalId, 'agent-7');
      assert.equal(report.body.sampled, 3);
      const reports = (await a('GET', '/v1/scopes/agent-7/sleep/reports?limit=5')).body.reports;
      assert.equal(reports[0].runId, report.body.runId);
      assert.equal((await a('POST', '/v1/scopes/agent-7/sleep', { minClusterSize: 0 })).status, 400);
    });

    it("queues sleep cycles by event and by hand for the server's worker", async () => {
      await a('POST', '/v1/scopes/agent-9/episodes', { text: 'The user moved to Berlin in May', importance: 0.9 });
      assert.equal((await a('GET', '/v1/scopes/agent-9/sleep/triggers')).body.source, 'default');
      assert.equal((await a('PUT', '/v1/scopes/agent-9/sleep/triggers', { triggers: { events: ['session_end'] } })).status, 200);
      const stored = await a('GET', '/v1/scopes/agent-9/sleep/triggers');
      assert.deepEqual([stored.body.source, stored.body.triggers], ['registered', { events: ['session_end'] }]);
      assert.equal((await a('POST', '/v1/scopes/agent-9/sleep/events', { event: 'unrelated' })).body.task, null);
      const queued = await a('POST', '/v1/scopes/agent-9/sleep/events', { event: 'session_end' });
      assert.equal(queued.status, 202);
      assert.deepEqual([queued.body.task.scope, queued.body.task.trigger], [{ tenantId: 'tenant-a', externalId: 'agent-9' }, 'event:session_end']);
      const manual = await a('POST', '/v1/scopes/agent-9/sleep/queue', {});
      assert.equal(manual.body.task.kind, 'manual');
      assert.ok(Array.isArray((await a('GET', '/v1/sleep/queue')).body.tasks));
      let reports: Array<{ trigger: string }> = [];
      for (let i = 0; i < 100 && reports.length === 0; i++) {
        reports = (await a('GET', '/v1/scopes/agent-9/sleep/reports')).body.reports;
        if (reports.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(reports.length >= 1, 'the server worker ran no queued sleep cycle');
      assert.equal((await a('PUT', '/v1/scopes/agent-9/sleep/triggers', { triggers: { episodeQuota: -1 } })).status, 400);
      assert.equal((await a('DELETE', '/v1/scopes/agent-9/sleep/triggers')).status, 204);
      assert.equal((await a('DELETE', '/v1/scopes/agent-9/sleep/triggers')).status, 404);
      assert.equal((await a('GET', '/v1/scopes/agent-9/sleep/triggers')).body.source, 'default');
    });

    it('builds task context, records outcomes, lists and deletes a whole scope', async () => {
      await a('POST', '/v1/scopes/agent-8/episodes', { text: 'The deploy script needs the VPN to be on' });
      const outcome = await a('POST', '/v1/scopes/agent-8/outcomes', { task: 'deploy the API', outcome: 'failed until the VPN was on', success: false });
      assert.equal(outcome.status, 201);
      assert.equal(outcome.body.type, 'task_outcome');
      const context = await a('POST', '/v1/scopes/agent-8/context', { task: 'deploy the API', maxTokens: 200 });
      assert.equal(context.status, 200);
      assert.match(JSON.stringify(context.body), /VPN/);
      const scopes = (await a('GET', '/v1/scopes')).body.scopes;
      assert.equal(scopes.find((s: { externalId: string }) => s.externalId === 'agent-8').episodes, 2);
      assert.equal((await a('DELETE', '/v1/scopes/agent-8')).status, 204);
      assert.deepEqual((await a('GET', '/v1/scopes/agent-8/episodes')).body.items, []);
      assert.ok(!(await a('GET', '/v1/scopes')).body.scopes.some((s: { externalId: string }) => s.externalId === 'agent-8'));
    });

    it('answers bad input with 400 naming the field, unknown ids with 404, and writes nothing', async () => {
      const bad = await a('POST', '/v1/scopes/agent-2/active-memories', { title: 'T', template: { sections: [] } });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.issues, [{ field: 'template.sections', reason: 'needs at least one section' }]);
      assert.ok(bad.body.error.requestId);
      const notJson = await a('POST', '/v1/scopes/agent-2/active-memories', '{not json');
      assert.equal(notJson.status, 400);
      assert.equal(notJson.body.error.issues[0].field, '(body)');
      const created = (await a('POST', '/v1/scopes/agent-2/active-memories', { title: 'T', template })).body;
      const unknownSection = await a('PATCH', `/v1/scopes/agent-2/active-memories/${created.id}/sections`, {
        sections: [{ sectionId: 'goals', newContent: 'x' }, { sectionId: 'nope', newContent: 'y' }],
      });
      assert.equal(unknownSection.status, 400);
      assert.match(unknownSection.body.error.message, /no section "nope"/);
      const after = (await a('GET', `/v1/scopes/agent-2/active-memories/${created.id}`)).body;
      assert.deepEqual(after.sections.map((s: { updateCount: number }) => s.updateCount), [0, 0]);
      assert.equal((await a('GET', '/v1/scopes/agent-2/active-memories/no-such-id')).status, 404);
      assert.equal((await a('GET', '/v1/no/such/route')).status, 404);
      assert.equal(((await a('POST', '/v1/scopes/agent-2/active-memories', 'x'.repeat(2 * 1024 * 1024))).status), 413);
    });
  });
}
