import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { createLocalBackend, createRemoteBackend } from '../src/backends/create.js';
import { localFactClient } from '../src/backends/clients/local.js';
import { FactMemoryBackend } from '../src/backends/fact-backend.js';
import { UnavailableError, ValidationError } from '../src/errors.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

/** The behaviour every MemoryBackend driver shares. */
function backendContract(backend: () => FactMemoryBackend) {
  it('stores, retrieves, updates and lists entries with their timestamps', async () => {
    const first = await backend().store({ userId: 'u1', key: 'pref.color', value: 'blue', metadata: { source: 'chat' } });
    assert.deepEqual([first.userId, first.key, first.value, first.metadata], ['u1', 'pref.color', 'blue', { source: 'chat' }]);
    assert.equal(first.createdAt, first.updatedAt);
    const second = await backend().store({ userId: 'u1', key: 'pref.color', value: 'green' });
    assert.equal(second.value, 'green');
    assert.equal(second.createdAt, first.createdAt);
    assert.ok(second.updatedAt >= first.updatedAt);
    assert.deepEqual(await backend().retrieve('u1', 'pref.color'), second);
    assert.equal(await backend().retrieve('u1', 'unknown'), null);
    assert.equal(await backend().retrieve('u2', 'pref.color'), null);
    await backend().store({ userId: 'u1', key: 'home/city', value: 'Lisbon' });
    assert.deepEqual((await backend().getAll('u1')).map((e) => [e.key, e.value]).sort(), [['home/city', 'Lisbon'], ['pref.color', 'green']]);
  });

  it('searches by words of the key or value, across users or for one', async () => {
    await backend().store({ userId: 's1', key: 'trip.destination', value: 'Kyoto in April' });
    await backend().store({ userId: 's2', key: 'trip.destination', value: 'Kyoto in May' });
    await backend().store({ userId: 's2', key: 'food', value: 'ramen' });
    assert.deepEqual((await backend().search('kyoto', { userId: 's2' })).map((e) => e.value), ['Kyoto in May']);
    assert.deepEqual((await backend().search('KYOTO trip')).map((e) => e.userId).sort(), ['s1', 's2']);
    assert.equal((await backend().search('kyoto', { limit: 1 })).length, 1);
    assert.deepEqual(await backend().search('sushi'), []);
  });

  it('deletes entries and reports health', async () => {
    await backend().store({ userId: 'd1', key: 'k', value: 'v' });
    assert.equal(await backend().delete('d1', 'k'), true);
    assert.equal(await backend().delete('d1', 'k'), false);
    assert.equal(await backend().retrieve('d1', 'k'), null);
    assert.equal(await backend().healthCheck(), true);
  });

  it('rejects bad input with the field named', async () => {
    await assert.rejects(backend().store({ userId: '', key: 'k', value: 'v' }), (e: unknown) => e instanceof ValidationError && /externalId/.test(e.message));
  });
}

for (const kind of STORE_KINDS) {
  describe(`local backend (${kind})`, () => {
    let mem: AgentMem;
    let backend: FactMemoryBackend;
    before(async () => {
      mem = await openTestMem(kind, { tenantId: 'kv' });
      backend = createLocalBackend(mem);
    });
    after(() => mem.close());
    backendContract(() => backend);

    it('cleans up entries not updated for maxAgeDays', async () => {
      let clock = new Date('2026-01-01T00:00:00Z');
      const clocked = await openTestMem(kind, { tenantId: 'kv-clean', now: () => clock });
      try {
        const aged = new FactMemoryBackend('aged', localFactClient(clocked), () => new Date('2026-03-02T00:00:00Z'));
        await aged.store({ userId: 'c1', key: 'stale', value: 'old' });
        await aged.store({ userId: 'c2', key: 'stale', value: 'old' });
        clock = new Date('2026-03-01T00:00:00Z');
        await aged.store({ userId: 'c1', key: 'fresh', value: 'new' });
        assert.equal(await aged.cleanup(90), 0);
        assert.equal(await aged.cleanup(30), 2);
        assert.deepEqual((await aged.getAll('c1')).map((e) => e.key), ['fresh']);
        await assert.rejects(aged.cleanup(0), ValidationError);
      } finally {
        await clocked.close();
      }
    });
  });

  for (const transport of ['rest', 'mcp'] as const) {
    describe(`remote backend over ${transport} (${kind})`, () => {
      let server: ServerProcess;
      let backend: FactMemoryBackend;
      before(async () => {
        server = await startServerProcess({ ...(await storeEnv(kind)), AGENT_MEM_API_KEYS: 'key-a:tenant-a,key-b:tenant-b' });
        backend = createRemoteBackend({ url: server.url, apiKey: 'key-a', transport });
      });
      after(async () => {
        await backend.close();
        await server.stop();
      });
      backendContract(() => backend);

      it("sees only its key's tenant", async () => {
        await backend.store({ userId: 't1', key: 'secret', value: 'tenant a only' });
        const other = createRemoteBackend({ url: server.url, apiKey: 'key-b', transport });
        try {
          assert.equal(await other.retrieve('t1', 'secret'), null);
          assert.deepEqual(await other.search('tenant'), []);
          assert.equal(await other.delete('t1', 'secret'), false);
        } finally {
          await other.close();
        }
        assert.equal((await backend.retrieve('t1', 'secret'))?.value, 'tenant a only');
      });

      it('reports an unreachable server as unhealthy', async () => {
        const nowhere = createRemoteBackend({ url: 'http://127.0.0.1:9', transport, timeoutMs: 1000 });
        assert.equal(await nowhere.healthCheck(), false);
        await assert.rejects(nowhere.retrieve('u', 'k'), /did not answer|failed/);
        await nowhere.close();
      });
    });
  }
}

describe('remote backends against a server that never answers', () => {
  let silent: net.Server;
  let url: string;
  before(async () => {
    silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  });
  after(() => {
    silent.close();
  });

  for (const transport of ['rest', 'mcp'] as const) {
    it(`gives up after timeoutMs with UnavailableError and reports unhealthy (${transport})`, async () => {
      const hung = createRemoteBackend({ url, transport, timeoutMs: 300 });
      const started = Date.now();
      await assert.rejects(hung.retrieve('u', 'k'), UnavailableError);
      assert.ok(Date.now() - started < 3000, 'the call ended near its timeout');
      assert.equal(await hung.healthCheck(), false);
      await hung.close();
    });
  }
});
