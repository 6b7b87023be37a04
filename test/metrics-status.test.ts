import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import type { Embedder } from '../src/ai/embedder.js';
import { LocalEmbedder } from '../src/ai/local-embedder.js';
import { backgroundConcurrencyOf, resolveConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { createApp } from '../src/server/app.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

const template = { sections: [{ id: 'profile' }, { id: 'plans' }] };

for (const kind of STORE_KINDS) {
  describe(`metrics and status (${kind})`, () => {
    let mem: AgentMem;
    let request: (method: string, path: string, body?: unknown) => Promise<Response>;
    before(async () => {
      mem = await openTestMem(kind, { tenantId: 'acme', config: { avgSectionUpdateCountForConsolidation: 1 } });
      const app = createApp({ mem });
      request = (method, path, body) =>
        Promise.resolve(app.request(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
    });
    after(() => mem.close());

    it('serves every metric as agent_mem_… in Prometheus format: requests by route pattern, runs, embedding, queued work, the pool', async () => {
      assert.equal((await request('POST', '/v1/scopes/agent-1/episodes', { text: 'Drank green tea at the café.' })).status, 201);
      assert.equal((await request('POST', '/v1/scopes/agent-2/episodes', { text: 'Booked a flight to Kyoto.' })).status, 201);
      assert.equal((await request('POST', '/v1/scopes/agent-1/search', { query: 'tea' })).status, 200);
      assert.equal((await request('GET', '/v1/nothing-here')).status, 404);
      const memory = await mem.createActiveMemory({ externalId: 'agent-1', title: 'Notes', template });
      await mem.updateActiveMemorySections({ externalId: 'agent-1', memoryId: memory.id, sections: [{ sectionId: 'profile', newContent: 'Alice lives in Paris.' }, { sectionId: 'plans', newContent: 'Alice visits Kyoto.' }] });
      await mem.whenIdle();

      const response = await request('GET', '/metrics');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      const names = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
      assert.ok(names.length > 10);
      assert.deepEqual(names.filter((n) => !n.startsWith('agent_mem_')), [], 'every metric is named agent_mem_…');
      assert.match(text, /agent_mem_http_requests_total\{method="POST",route="\/v1\/scopes\/:externalId\/episodes",status="201"\} 2/);
      assert.match(text, /agent_mem_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} 1/);
      assert.match(text, /agent_mem_http_request_duration_seconds_count\{method="POST",route="\/v1\/scopes\/:externalId\/search"\} 1/);
      assert.doesNotMatch(text, /route="\/v1\/scopes\/agent-1/, 'raw paths never become labels');
      assert.match(text, /agent_mem_background_runs_total\{kind="consolidation",status="succeeded"\} 1/);
      assert.match(text, /agent_mem_background_run_duration_seconds_count\{kind="consolidation"\} 1/);
      assert.match(text, /agent_mem_embedding_duration_seconds_count\{embedder="local:use-en-512"\} [1-9]/);
      assert.match(text, /agent_mem_embedded_texts_total\{embedder="local:use-en-512"\} [1-9]/);
      assert.match(text, /agent_mem_queued_work\{kind="consolidation"\} 0/);
      assert.match(text, /agent_mem_process_cpu_seconds_total/);
      if (kind === 'postgres') assert.match(text, /agent_mem_pg_pool_connections\{state="size"\} 10/);
      else assert.doesNotMatch(text, /agent_mem_pg_pool/);
    });

    it('reports counts, pending work, the queue and the newest runs of the tenant only', async () => {
      await mem.sleepScheduler.triggerManual({ externalId: 'agent-2' });
      const status = (await (await request('GET', '/v1/status')).json()) as Awaited<ReturnType<AgentMem['status']>>;
      assert.deepEqual(status.counts, { scopes: 2, activeMemories: 1, episodes: 2, facts: 0 });
      assert.deepEqual(status.background.pending, { consolidations: 0, sleepCyclesQueued: 1, sleepCyclesRunning: 0 });
      assert.deepEqual(status.background.queue.map((t) => [t.scope.externalId, t.trigger]), [['agent-2', 'manual']]);
      assert.deepEqual(status.background.recentRuns.map((r) => [r.externalId, r.kind, r.status, r.trigger]), [['agent-1', 'consolidation', 'succeeded', 'threshold']]);
      assert.deepEqual(status.background.worker, { running: false, concurrency: kind === 'sqlite' ? 1 : 5, pollMs: 2000, inProgress: [] });
      const other = await mem.forTenant('globex').status();
      assert.deepEqual([other.counts.scopes, other.background.pending.sleepCyclesQueued, other.background.queue.length, other.background.recentRuns.length], [0, 0, 0, 0]);
    });

    it('runs threshold consolidations at most `backgroundConcurrency` at a time; the rest wait in the store', async () => {
      // The real embedder, slowed down, so runs last long enough to be watched.
      const local = new LocalEmbedder();
      const slow: Embedder = { specificationVersion: 'v1', id: local.id, dimensions: local.dimensions, embed: async (texts) => (await sleep(150), local.embed(texts)) };
      const bounded = await openTestMem(kind, { embedder: slow, config: { avgSectionUpdateCountForConsolidation: 1, backgroundConcurrency: 1 } });
      try {
        const memories = await Promise.all(Array.from({ length: 5 }, (_, i) => bounded.createActiveMemory({ externalId: `bounded-${i}`, title: 'Notes', template })));
        await Promise.all(
          memories.map((m, i) =>
            bounded.updateActiveMemorySections({ externalId: `bounded-${i}`, memoryId: m.id, sections: [{ sectionId: 'profile', newContent: `Person ${i} lives in Porto.` }, { sectionId: 'plans', newContent: 'Visits Kyoto.' }] }),
          ),
        );
        let most = 0;
        let waitingSeen = 0;
        const idle = bounded.whenIdle().then(() => true);
        while (!(await Promise.race([idle, sleep(20).then(() => false)]))) {
          const status = await bounded.status();
          most = Math.max(most, status.background.worker.inProgress.length);
          waitingSeen = Math.max(waitingSeen, status.background.pending.consolidations);
        }
        assert.equal(most, 1, 'never more than one at once');
        assert.ok(waitingSeen >= 2, `the others waited as pending rows (saw ${waitingSeen})`);
        const runs = await Promise.all(memories.map((m, i) => bounded.getConsolidationRuns({ externalId: `bounded-${i}`, memoryId: m.id })));
        assert.deepEqual(runs.map((r) => r.map((run) => run.status)), memories.map(() => ['succeeded']));
        const spans = runs.flat().sort((a, b) => a.startedAt.localeCompare(b.startedAt));
        spans.slice(1).forEach((run, i) => assert.ok(run.startedAt >= spans[i]!.finishedAt!, 'one after another'));
        assert.equal((await bounded.status()).background.pending.consolidations, 0);
      } finally {
        await bounded.close();
      }
    });
  });
}

describe('background settings', () => {
  it('default to half the PostgreSQL pool and 1 on SQLite, and are bounded', () => {
    assert.equal(backgroundConcurrencyOf(resolveConfig({}, {}), 'sqlite'), 1);
    assert.equal(backgroundConcurrencyOf(resolveConfig({ postgres: { poolSize: 12 } }, {}), 'postgres'), 6);
    assert.equal(backgroundConcurrencyOf(resolveConfig({ postgres: { poolSize: 1 } }, {}), 'postgres'), 1);
    assert.equal(backgroundConcurrencyOf(resolveConfig({}, { AGENT_MEM_BACKGROUND_CONCURRENCY: '3' }), 'sqlite'), 3);
    assert.throws(() => resolveConfig({ backgroundConcurrency: 0 }, {}), ConfigError);
    assert.throws(() => resolveConfig({}, { AGENT_MEM_BACKGROUND_POLL_MS: '60000' }), /AGENT_MEM_BACKGROUND_POLL_MS must be an integer at least 100 and at most 10000/);
  });
});
