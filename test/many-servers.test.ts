import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { apiClient, type ApiClient } from './support/http.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import type { StoreKind } from './support/stores.js';

const SCOPES = 6;
const EPISODES_PER_SCOPE = 240;
const TOPICS = ['green tea in the morning', 'the trip to Kyoto in April', 'the Acme launch with Alice', 'running along the river', 'the new printer driver', 'cooking ramen at home'];

/** Polls `probe` until it answers something, or fails after `ms`. */
async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

interface Run {
  id: string;
  kind: string;
  status: string;
  trigger: string;
  startedAt: string;
}

/**
 * Several real `agent-mem serve` processes on one database: writes and searches spread over them,
 * sleep cycles queued through any of them, and one killed with SIGKILL in the middle of a cycle.
 */
for (const [kind, servers] of [['postgres', 3], ['citus', 3], ['sqlite', 2]] as Array<[StoreKind | 'citus', number]>) {
  describe(`many servers on one ${kind} database`, () => {
    it('keeps every acknowledged write, runs every queued cycle exactly once, and the survivors take over a killed server’s cycle', async () => {
      const env = {
        ...(await storeEnv(kind)),
        AGENT_MEM_LOCK_TTL_SECONDS: '2',
        AGENT_MEM_BACKGROUND_POLL_MS: '200',
        AGENT_MEM_BACKGROUND_CONCURRENCY: '1',
        AGENT_MEM_EMBEDDING_WORKERS: '0',
      };
      const processes: ServerProcess[] = [];
      let loading = true;
      try {
        // The victim (first) looks for work every 200 ms and wakes at once for what it queues; the
        // others look every 10 s, so the victim is the one running cycles when it is killed.
        for (let i = 0; i < servers; i++) processes.push(await startServerProcess(i === 0 ? env : { ...env, AGENT_MEM_BACKGROUND_POLL_MS: '10000' }));
        const clients = processes.map((p) => apiClient(p.url));
        const alive = new Set(clients);
        const any = (i: number): ApiClient => [...alive][i % alive.size]!;
        const scopes = Array.from({ length: SCOPES }, (_, i) => `agent-${i}`);
        const acknowledged = new Map<string, string[]>(scopes.map((s) => [s, []]));

        // Enough episodes per scope that a cycle takes a while: each batch through another server.
        for (const [i, externalId] of scopes.entries()) {
          const episodes = Array.from({ length: EPISODES_PER_SCOPE }, (_, n) => ({ text: `Note ${n} about ${TOPICS[n % TOPICS.length]} with person ${n % 17} in city ${n % 11} for ${externalId}.`, importance: 0.6 }));
          const written = await clients[i % clients.length]!('POST', `/v1/scopes/${externalId}/episodes/batch`, { episodes });
          assert.equal(written.status, 201);
          acknowledged.get(externalId)!.push(...written.body.episodes.map((e: { id: string }) => e.id));
        }

        // Load: single writes and searches, round robin over the live servers, until told to stop.
        const failures: string[] = [];
        const load = (async () => {
          for (let n = 0; loading; n++) {
            const externalId = scopes[n % SCOPES]!;
            const client = any(n);
            try {
              const written = await client('POST', `/v1/scopes/${externalId}/episodes`, { text: `Later note ${n} about ${TOPICS[n % TOPICS.length]}.` });
              if (written.status === 201) acknowledged.get(externalId)!.push(written.body.id);
              else failures.push(`write ${written.status}`);
              const found = await client('POST', `/v1/scopes/${externalId}/search`, { query: TOPICS[(n + 1) % TOPICS.length], limit: 3 });
              if (found.status !== 200) failures.push(`search ${found.status}`);
            } catch (error) {
              failures.push(String(error)); // the killed server's connection
            }
            await sleep(25); // steady traffic that leaves the cycles some CPU on a small machine
          }
        })();

        // The cycles are queued through the victim, which runs them one after another; it is killed in the middle of one.
        const victim = 0;
        for (const externalId of scopes) {
          const queued = await clients[victim]!('POST', `/v1/scopes/${externalId}/sleep/queue`, {});
          assert.equal(queued.status, 202);
        }
        // Run rows are read through another server: the victim is stopped while they are read.
        const watcher = clients[1]!;
        const victimSleep = async () => {
          const { inProgress } = (await clients[victim]!('GET', '/v1/status')).body.background.worker as { inProgress: Array<{ kind: string; externalId: string; startedAt: string }> };
          return inProgress.find((w) => w.kind === 'sleep');
        };
        const runningRun = async (externalId: string, since: string) =>
          ((await watcher('GET', `/v1/scopes/${externalId}/consolidation-runs?kind=sleep`)).body.runs as Run[]).find((r) => r.status === 'running' && r.startedAt >= since);
        // The victim's own run: the victim says it has taken a scope's cycle, and is stopped at once; then a running
        // row of that scope that started after the victim took the cycle is its own (only the holder of a scope's cycle
        // lock writes its run rows, and the others look for work every 10 s). A cycle that ended or had not written its
        // row before the stop lets the victim go on, and the next one is tried.
        const running = await until('the victim stopped in the middle of its own sleep cycle', 90_000, async () => {
          const own = await victimSleep();
          if (!own) return undefined;
          processes[victim]!.signal('SIGSTOP');
          await sleep(200); // a commit already on its way lands first
          const run = await runningRun(own.externalId, own.startedAt);
          if (run) return { externalId: own.externalId, runId: run.id };
          processes[victim]!.signal('SIGCONT');
          return undefined;
        });
        await processes[victim]!.stop('SIGKILL');
        alive.delete(clients[victim]!);
        const survivor = [...alive][0]!;

        // Everything queued runs: the killed server's cycle is recorded abandoned and run again elsewhere.
        const runsOf = async (externalId: string): Promise<Run[]> => (await survivor('GET', `/v1/scopes/${externalId}/consolidation-runs?kind=sleep`)).body.runs;
        await until('every queued cycle to finish', 120_000, async () => {
          const status = (await survivor('GET', '/v1/status')).body;
          const { sleepCyclesQueued, sleepCyclesRunning } = status.background.pending;
          if (sleepCyclesQueued + sleepCyclesRunning > 0) return undefined;
          const finished = await Promise.all(scopes.map(async (s) => (await runsOf(s)).some((r) => r.status === 'succeeded')));
          return finished.every(Boolean) ? true : undefined;
        });
        loading = false;
        await load;

        for (const externalId of scopes) {
          const runs = await runsOf(externalId);
          const completed = runs.filter((r) => r.status === 'succeeded' || r.status === 'failed');
          assert.deepEqual(completed.map((r) => [r.status, r.trigger]), [['succeeded', 'manual']], `${externalId} ran its queued cycle exactly once`);
          assert.ok(runs.every((r) => r.status !== 'running'), `${externalId} has no run left running`);
        }
        const taken = await runsOf(running.externalId);
        assert.equal(taken.find((r) => r.id === running.runId)?.status, 'abandoned', 'the killed server’s cycle is recorded abandoned');

        // No acknowledged write is missing.
        for (const externalId of scopes) {
          const stored = new Set<string>();
          let cursor: string | undefined;
          do {
            const page = await survivor('GET', `/v1/scopes/${externalId}/episodes?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
            for (const e of page.body.items as Array<{ id: string }>) stored.add(e.id);
            cursor = page.body.nextCursor;
          } while (cursor);
          const missing = acknowledged.get(externalId)!.filter((id) => !stored.has(id));
          assert.deepEqual(missing, [], `${externalId}: acknowledged episodes are all stored`);
        }
        assert.ok(failures.every((f) => !/^(write|search) [45]/.test(f) || /503/.test(f)), `only the killed server failed requests: ${failures.join('; ')}`);
      } finally {
        loading = false; // a failed assertion must not leave the load running, or the test process never exits
        await Promise.all(processes.map((p) => p.stop('SIGKILL')));
      }
    });
  });
}
