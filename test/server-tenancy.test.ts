import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { apiClient, type ApiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/**
 * A request body for every operation of the OpenAPI document. A new route without an entry here
 * fails this suite, so every route gets tried with another tenant's key.
 */
const sampleBodies: Record<string, unknown> = {
  health: undefined,
  readiness: undefined,
  status: undefined,
  listScopes: undefined,
  deleteScope: undefined,
  contextFor: { task: 'secret' },
  recordOutcome: { task: 'steal', outcome: 'nothing', success: false },
  createActiveMemory: { title: 'Intruder', template: { sections: [{ id: 'goals' }] } },
  getActiveMemories: undefined,
  getActiveMemory: undefined,
  deleteActiveMemory: undefined,
  updateActiveMemorySections: { sections: [{ sectionId: 'goals', newContent: 'overwritten by tenant b' }] },
  updateActiveMemorySection: { newContent: 'overwritten by tenant b' },
  consolidate: undefined,
  getShortTermMemory: undefined,
  getLongTermMemory: undefined,
  getConsolidationRuns: undefined,
  getConsolidationRun: undefined,
  addEpisode: { text: 'written by tenant b' },
  addEpisodes: { episodes: [{ text: 'written by tenant b' }] },
  addMessages: { messages: [{ role: 'user', content: 'written by tenant b' }] },
  listEpisodes: undefined,
  getEpisode: undefined,
  deleteEpisode: undefined,
  retrieveMemories: { query: 'secret' },
  runSleepCycle: {},
  getSleepReports: undefined,
  getSleepTriggers: undefined,
  registerSleepTriggers: { triggers: { events: ['x'] } },
  deleteSleepTriggers: undefined,
  queueSleepCycle: {},
  emitSleepEvent: { event: 'x' },
  pendingSleepCycles: undefined,
  putFact: { value: 'overwritten by tenant b' },
  getFact: undefined,
  factHistory: undefined,
  listFacts: undefined,
  deleteFact: undefined,
};

interface Operation {
  method: string;
  path: string;
  operationId: string;
}

function operationsOf(doc: { paths: Record<string, Record<string, { operationId: string }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operationId: operation.operationId })),
  );
}

for (const kind of STORE_KINDS) {
  describe(`REST tenancy (${kind})`, () => {
    let server: ServerProcess;
    let a: ApiClient;
    let b: ApiClient;
    before(async () => {
      server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a,key-b:tenant-b' });
      a = apiClient(server.url, 'key-a');
      b = apiClient(server.url, 'key-b');
    });
    after(() => server.stop());

    it("never shows or changes one tenant's data through another tenant's key, on every route", async () => {
      const secret = `secret-${randomUUID()}`;
      const externalId = 'shared-agent';
      const memory = (await a('POST', `/v1/scopes/${externalId}/active-memories`, { title: secret, template: { sections: [{ id: 'goals' }] }, initialSections: { goals: secret } })).body;
      await a('PUT', `/v1/scopes/${externalId}/facts/user.secret`, { value: secret });
      const episode = (await a('POST', `/v1/scopes/${externalId}/episodes`, { text: secret })).body;
      const run = (await a('POST', `/v1/scopes/${externalId}/active-memories/${memory.id}/consolidate`)).body;
      const snapshot = async () => [
        (await a('GET', `/v1/scopes/${externalId}/episodes`)).text,
        (await a('GET', `/v1/scopes/${externalId}/consolidation-runs`)).text,
        (await a('GET', `/v1/scopes/${externalId}/active-memories/${memory.id}`)).text,
        (await a('GET', `/v1/scopes/${externalId}/facts?includeHistory=true`)).text,
      ];
      const before = await snapshot();
      const ids: Record<string, string> = { externalId, memoryId: memory.id, sectionId: 'goals', key: 'user.secret', episodeId: episode.id, runId: run.id };

      const operations = operationsOf((await a('GET', '/v1/openapi.json')).body);
      assert.ok(operations.length >= 6);
      for (const operation of operations) {
        assert.ok(operation.operationId in sampleBodies, `no sample request for ${operation.operationId}: add one to this suite`);
        const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(ids[name] ?? `unknown-${name}`));
        const response = await b(operation.method, path, sampleBodies[operation.operationId]);
        assert.ok([200, 201, 202, 204, 404].includes(response.status), `${operation.operationId}: status ${response.status} ${response.text}`);
        assert.ok(!response.text.includes(secret), `${operation.operationId} leaked tenant a's data`);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });
}
