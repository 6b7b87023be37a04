import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient, type ApiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

const topics = ['a ryokan in Kyoto', 'green tea', 'the quarterly report', 'a flight to Lisbon', 'the billing service', 'a vegan restaurant', 'the VPN', 'Alice from Acme'];
const verbs = ['booked', 'asked about', 'cancelled', 'reviewed', 'recommended', 'complained about'];
const queries = topics.flatMap((topic) => [`What did the user say about ${topic}?`, `Who ${verbs[topic.length % verbs.length]} ${topic}?`]);

/** Texts the server's local model embedded so far, by thread, read from its /metrics. */
async function embeddedByThread(url: string): Promise<{ calling: number; worker: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const count = (thread: string) => Number(text.match(new RegExp(`^agent_mem_embedded_texts_by_thread_total\\{thread="${thread}"\\} (\\d+)`, 'm'))?.[1] ?? 0);
  return { calling: count('calling'), worker: count('worker') };
}

for (const kind of STORE_KINDS) {
  describe(`concurrent searches on a real server (${kind})`, () => {
    let server: ServerProcess;
    let a: ApiClient;
    before(async () => {
      server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a', AGENT_MEM_EMBEDDING_WORKERS: '2' });
      a = apiClient(server.url, 'key-a');
      // More than one model batch: embedded on the workers, which are then warm.
      const episodes = Array.from({ length: 60 }, (_, i) => ({ text: `The user ${verbs[i % verbs.length]} ${topics[(i * 7) % topics.length]} (note ${i}).` }));
      assert.equal((await a('POST', '/v1/scopes/agent-c/episodes/batch', { episodes })).status, 201);
    });
    after(() => server.stop());

    it('answers concurrent searches as it answers them one at a time, with their query embeddings on the worker threads', async () => {
      const search = async (query: string) => {
        const response = await a('POST', '/v1/scopes/agent-c/search', { query, limit: 5 });
        assert.equal(response.status, 200, response.text);
        return response.body.results.map((r: { id: string; score: number }) => ({ id: r.id, score: Math.round(r.score * 1e4) / 1e4 }));
      };
      const sequential = [];
      for (const query of queries) sequential.push(await search(query));
      const before = await embeddedByThread(server.url);
      const concurrent = await Promise.all(queries.map(search));
      const after = await embeddedByThread(server.url);
      assert.deepEqual(concurrent, sequential);
      assert.ok(sequential.every((results) => results.length > 0));
      assert.equal(after.worker - before.worker, queries.length, 'one query embedding per search, each on a worker');
      assert.equal(after.calling - before.calling, 0, 'none on the event loop');
    });
  });
}
