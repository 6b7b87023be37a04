import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentMem } from '../src/agent-mem.js';
import { UnavailableError } from '../src/errors.js';
import { apiClient, type ApiResponse } from './support/http.js';
import { startCluster, type Cluster } from './support/postgres-cluster.js';
import { createTestDatabase } from './support/postgres.js';
import { startServerProcess, type ServerProcess } from './support/server.js';
import { tempDir } from './support/stores.js';
import { within } from './support/within.js';

const template = { sections: [{ id: 'profile', title: 'Profile' }, { id: 'plans', title: 'Plans' }] };

describe('PostgreSQL: a small pool never starves', () => {
  it('finishes 40 consolidations and 10 sleep cycles started at once with a pool of 4', async () => {
    const mem = await AgentMem.open({ databaseUrl: await createTestDatabase(), dataDir: tempDir(), config: { postgres: { poolSize: 4 } } });
    try {
      const memories = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const memory = await mem.createActiveMemory({ externalId: `c-${i}`, title: 'Agent', template });
          await mem.updateActiveMemorySections({
            externalId: `c-${i}`,
            memoryId: memory.id,
            sections: [{ sectionId: 'profile', newContent: `Person ${i} lives in Porto.` }],
          });
          return memory;
        }),
      );
      for (let i = 0; i < 10; i++) {
        await mem.addEpisodes({ externalId: `s-${i}`, episodes: [{ text: 'Likes green tea in the morning' }, { text: 'Drinks green tea every morning' }] });
      }
      const runs = await within(
        180_000,
        Promise.all([
          ...memories.map((memory, i) => mem.consolidate({ externalId: `c-${i}`, memoryId: memory.id })),
          ...Array.from({ length: 10 }, (_, i) => mem.runSleepCycle({ externalId: `s-${i}`, minClusterSize: 1 })),
        ]),
        '50 runs on a pool of 4',
      );
      assert.deepEqual(
        runs.map((r) => r.status),
        runs.map(() => 'succeeded'),
      );
    } finally {
      await mem.close();
    }
  });
});

describe('PostgreSQL stopping and coming back in the middle of traffic', () => {
  let cluster: Cluster;
  before(async () => (cluster = await startCluster()));
  after(() => cluster.stop());

  it('fails calls fast with UnavailableError while it is down, serves again once it is back, and keeps every acknowledged write', async () => {
    const connectTimeoutMs = 1000;
    const mem = await AgentMem.open({ databaseUrl: cluster.url, dataDir: tempDir(), config: { postgres: { poolSize: 4, connectTimeoutMs, statementTimeoutMs: 2000 } } });
    const acknowledged: string[] = [];
    const failures: Array<{ error: unknown; ms: number }> = [];
    let running = true;
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const started = performance.now();
        try {
          const episode = await mem.addEpisode({ externalId: 'traffic', text: `event number ${i}` });
          acknowledged.push(episode.id);
          await mem.retrieveMemories({ externalId: 'traffic', query: `event ${i}` });
        } catch (error) {
          failures.push({ error, ms: performance.now() - started });
          await sleep(50);
        }
      }
    })();
    try {
      await sleep(1000);
      cluster.halt();
      await sleep(2000);
      const failuresWhileDown = failures.length;
      cluster.resume();
      const ackedAtResume = acknowledged.length;
      await within(30_000, (async () => {
        while (acknowledged.length <= ackedAtResume + 3) await sleep(100);
      })(), 'writes after the restart');
      running = false;
      await traffic;
      assert.ok(failuresWhileDown > 0, 'calls failed while the server was down');
      for (const { error, ms } of failures) {
        assert.ok(error instanceof UnavailableError, `expected UnavailableError, got ${String(error)}`);
        assert.ok(ms < connectTimeoutMs + 3000, `a failing call took ${Math.round(ms)} ms`);
      }
      for (const id of acknowledged) assert.equal((await mem.getEpisode({ externalId: 'traffic', episodeId: id })).id, id);
    } finally {
      running = false;
      await traffic;
      await mem.close();
    }
  });
});

describe('PostgreSQL restarting under HTTP traffic to a server process', () => {
  let cluster: Cluster;
  let server: ServerProcess;
  const connectTimeoutMs = 1000;
  before(async () => {
    cluster = await startCluster();
    server = await startServerProcess({
      DATABASE_URL: cluster.url,
      AGENT_MEM_PG_POOL_SIZE: '4',
      AGENT_MEM_PG_CONNECT_TIMEOUT_MS: String(connectTimeoutMs),
      AGENT_MEM_PG_STATEMENT_TIMEOUT_MS: '2000',
    });
  });
  after(async () => {
    await server?.stop();
    cluster?.stop();
  });

  it('answers 503 fast while it is down (no hang, no 500), then every request succeeds and every acknowledged write is there', async () => {
    const api = apiClient(server.url);
    // A request that hangs fails here (status 0) instead of stalling the test.
    const call = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      within(15_000, api(method, path, body), `${method} ${path}`).catch((error: unknown) => ({ status: 0, text: String(error), body: undefined }));
    const acknowledged: string[] = [];
    const failures: Array<{ status: number; code: unknown; ms: number; afterRecovery: boolean }> = [];
    let recovered = false;
    let successesAfterRecovery = 0;
    let running = true;
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        for (const [method, path, body] of [
          ['POST', '/v1/scopes/traffic/episodes', { text: `request number ${i}` }],
          ['POST', '/v1/scopes/traffic/search', { query: `request ${i}` }],
        ] as const) {
          const started = performance.now();
          const response = await call(method, path, body);
          if (response.status >= 200 && response.status < 300) {
            if (method === 'POST' && path.endsWith('/episodes')) acknowledged.push(response.body.id);
            if (recovered) successesAfterRecovery++;
          } else {
            failures.push({ status: response.status, code: response.body?.error?.code, ms: performance.now() - started, afterRecovery: recovered });
            await sleep(50);
          }
        }
      }
    })();
    try {
      await sleep(1500);
      cluster.halt();
      await sleep(2500);
      const failuresWhileDown = failures.length;
      cluster.resume();
      const ackedAtResume = acknowledged.length;
      await within(30_000, (async () => {
        while (acknowledged.length <= ackedAtResume) await sleep(100);
      })(), 'a write after the restart');
      recovered = true;
      await within(60_000, (async () => {
        while (successesAfterRecovery < 40) await sleep(100);
      })(), '40 requests after the restart');
      running = false;
      await traffic;
      assert.ok(acknowledged.length > 0 && failuresWhileDown > 0, 'writes were acknowledged, and requests failed while PostgreSQL was down');
      for (const failure of failures) {
        assert.equal(failure.status, 503, `a request failed with ${failure.status} (${String(failure.code)})`);
        assert.equal(failure.code, 'unavailable');
        assert.ok(failure.ms < connectTimeoutMs + 3000, `a failing request took ${Math.round(failure.ms)} ms`);
      }
      assert.deepEqual(failures.filter((f) => f.afterRecovery), [], 'every request succeeds once PostgreSQL is back');
      for (const id of acknowledged) assert.equal((await api('GET', `/v1/scopes/traffic/episodes/${id}`)).status, 200, `acknowledged episode ${id} is stored`);
      const slowest = Math.max(...failures.map((f) => f.ms));
      console.log(`${acknowledged.length} writes acknowledged and found; ${failures.length} requests answered 503 while down (slowest ${Math.round(slowest)} ms)`);
    } finally {
      running = false;
      await traffic;
    }
  });
});
