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
