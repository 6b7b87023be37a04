import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createRemoteBackend } from '../src/backends/create.js';
import type { FactMemoryBackend } from '../src/backends/fact-backend.js';
import type { MemoryBackend } from '../src/backends/memory-backend.js';
import { UnifiedMemoryBackend } from '../src/backends/unified-backend.js';
import { startServerProcess, storeEnv } from './support/server.js';
import { tempDir } from './support/stores.js';

async function contents(backend: FactMemoryBackend) {
  const all = await Promise.all(['alice', 'bob'].map((u) => backend.getAll(u)));
  return all.flat().map((e) => `${e.userId}/${e.key}=${e.value}`).sort();
}

describe("UnifiedMemoryBackend's replay queue", () => {
  it('outlives a process killed with SIGKILL: the next process replays what a backend missed', async () => {
    const [up, down] = await Promise.all([storeEnv('sqlite').then((env) => startServerProcess(env)), storeEnv('postgres').then((env) => startServerProcess(env))]);
    const queueFile = path.join(tempDir(), 'replay.db');
    try {
      await down.stop('SIGKILL');
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/replay-child.ts', JSON.stringify({ queueFile, upUrl: up.url, downUrl: down.url })], { stdio: ['ignore', 'pipe', 'inherit'] });
      const lines = readline.createInterface({ input: child.stdout });
      const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => ['exited'])])) as string[];
      assert.equal(line, 'written');
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;

      await down.restart();
      const upBackend = createRemoteBackend({ url: up.url, name: 'up' });
      const downBackend = createRemoteBackend({ url: down.url, name: 'down' });
      const unified = new UnifiedMemoryBackend([{ backend: upBackend, priority: 10 }, { backend: downBackend, priority: 1 }], { healthCheckIntervalMs: 0, queueFile });
      try {
        assert.deepEqual(unified.getBackendStatus().map((s) => [s.name, s.pendingWrites]), [['up', 0], ['down', 4]], 'the killed process’s missed writes are still queued');
        assert.equal(await unified.healthCheck(), true);
        assert.deepEqual(unified.getBackendStatus().map((s) => [s.name, s.pendingWrites]), [['up', 0], ['down', 0]]);
        assert.deepEqual(await contents(downBackend), ['alice/city=Lisbon', 'bob/city=Porto']);
        assert.deepEqual(await contents(downBackend), await contents(upBackend));
      } finally {
        unified.close();
        await Promise.all([upBackend.close(), downBackend.close()]);
      }
    } finally {
      await Promise.all([up.stop(), down.stop()]);
    }
  });

  it('is bounded: past maxQueuedWrites the oldest writes are dropped, counted in a metric', async () => {
    const written: string[] = [];
    const working: MemoryBackend = {
      name: 'working',
      store: async (entry) => {
        written.push(entry.key);
        return { ...entry, metadata: {}, createdAt: '', updatedAt: '' };
      },
      retrieve: async () => null,
      search: async () => [],
      getAll: async () => [],
      delete: async () => true,
      healthCheck: async () => true,
      cleanup: async () => 0,
    };
    let reachable = false;
    const flaky: MemoryBackend = { ...working, name: 'flaky', store: async (entry) => (reachable ? working.store(entry) : Promise.reject(new Error('down'))), healthCheck: async () => reachable };
    const registry = new Registry();
    const unified = new UnifiedMemoryBackend([{ backend: working }, { backend: flaky, maxRetries: 0 }], { healthCheckIntervalMs: 0, maxQueuedWrites: 2, metricsRegistry: registry });
    try {
      for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) await unified.store({ userId: 'u', key, value: key });
      assert.equal(unified.getBackendStatus().find((s) => s.name === 'flaky')?.pendingWrites, 2);
      const metrics = await registry.metrics();
      assert.match(metrics, /agent_mem_replay_dropped_writes_total\{backend="flaky"\} 3/);
      assert.match(metrics, /agent_mem_replay_queue_length\{backend="flaky"\} 2/);
      written.length = 0;
      reachable = true;
      await unified.healthCheck();
      assert.deepEqual(written, ['k4', 'k5'], 'the newest writes were kept and replayed in order');
    } finally {
      unified.close();
    }
  });
});
