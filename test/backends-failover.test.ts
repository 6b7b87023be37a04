import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteBackend } from '../src/backends/create.js';
import type { FactMemoryBackend } from '../src/backends/fact-backend.js';
import { UnifiedMemoryBackend } from '../src/backends/unified-backend.js';
import { startServerProcess, storeEnv, type ServerProcess } from './support/server.js';

const keys = 'kv-key:kv-tenant';

/** What a backend holds for the users of this test, comparable across backends. */
async function contents(backend: FactMemoryBackend, users: string[]) {
  const all = await Promise.all(users.map((u) => backend.getAll(u)));
  return all.flat().map((e) => `${e.userId}/${e.key}=${e.value}`).sort();
}

// The primary runs on SQLite and the secondary on PostgreSQL, so the failover covers both stores.
describe('UnifiedMemoryBackend failover between two real servers', () => {
  let primaryServer: ServerProcess;
  let secondaryServer: ServerProcess;
  let primary: FactMemoryBackend;
  let secondary: FactMemoryBackend;
  let unified: UnifiedMemoryBackend;
  const users = ['alice', 'bob'];

  before(async () => {
    [primaryServer, secondaryServer] = await Promise.all([
      storeEnv('sqlite').then((env) => startServerProcess({ ...env, AGENT_MEM_API_KEYS: keys })),
      storeEnv('postgres').then((env) => startServerProcess({ ...env, AGENT_MEM_API_KEYS: keys })),
    ]);
    primary = createRemoteBackend({ url: primaryServer.url, apiKey: 'kv-key', name: 'primary', timeoutMs: 2000 });
    secondary = createRemoteBackend({ url: secondaryServer.url, apiKey: 'kv-key', name: 'secondary', transport: 'mcp', timeoutMs: 2000 });
    unified = new UnifiedMemoryBackend(
      [
        { backend: secondary, priority: 1, timeout: 3000, maxRetries: 1 },
        { backend: primary, priority: 10, timeout: 3000, maxRetries: 1 },
      ],
      { healthCheckIntervalMs: 0 },
    );
  });
  after(async () => {
    unified.close();
    await Promise.all([primary.close(), secondary.close()]);
    await Promise.all([primaryServer.stop(), secondaryServer.stop()]);
  });

  it('writes to both, goes on through the secondary while the primary is down, and converges after it returns', async () => {
    await unified.store({ userId: 'alice', key: 'city', value: 'Lisbon' });
    await unified.store({ userId: 'alice', key: 'food', value: 'sushi' });
    await unified.store({ userId: 'bob', key: 'city', value: 'Porto' });
    assert.deepEqual(await contents(primary, users), await contents(secondary, users));
    assert.deepEqual(unified.getBackendStatus().map((s) => [s.name, s.healthy, s.pendingWrites]), [['primary', true, 0], ['secondary', true, 0]]);

    await primaryServer.stop('SIGKILL');
    const moved = await unified.store({ userId: 'alice', key: 'city', value: 'Madrid' });
    assert.equal(moved.value, 'Madrid');
    assert.equal(await unified.delete('alice', 'food'), true);
    await unified.store({ userId: 'bob', key: 'pet', value: 'a cat named Miso' });
    assert.equal((await unified.retrieve('alice', 'city'))?.value, 'Madrid');
    assert.equal(await unified.retrieve('alice', 'food'), null);
    assert.deepEqual((await unified.getAll('bob')).map((e) => e.key).sort(), ['city', 'pet']);
    assert.deepEqual((await unified.search('miso')).map((e) => e.value), ['a cat named Miso']);
    const down = unified.getBackendStatus().find((s) => s.name === 'primary')!;
    assert.equal(down.healthy, false);
    assert.equal(down.pendingWrites, 3);
    assert.ok(down.lastError);
    assert.equal(await unified.healthCheck(), true);
    assert.equal(unified.getBackendStatus().find((s) => s.name === 'primary')!.pendingWrites, 3);

    await primaryServer.restart();
    assert.equal(await unified.healthCheck(), true);
    assert.deepEqual(unified.getBackendStatus().map((s) => [s.name, s.healthy, s.pendingWrites]), [['primary', true, 0], ['secondary', true, 0]]);
    const expected = ['alice/city=Madrid', 'bob/city=Porto', 'bob/pet=a cat named Miso'];
    assert.deepEqual(await contents(primary, users), expected);
    assert.deepEqual(await contents(secondary, users), expected);
    assert.deepEqual((await unified.search('city')).map((e) => `${e.userId}=${e.value}`).sort(), ['alice=Madrid', 'bob=Porto']);
  });

  it('times out on a hung backend, goes on through the other, and replays once it answers again', async () => {
    secondaryServer.signal('SIGSTOP');
    try {
      assert.equal((await unified.store({ userId: 'bob', key: 'city', value: 'Braga' })).value, 'Braga');
      const hung = unified.getBackendStatus().find((s) => s.name === 'secondary')!;
      assert.equal(hung.healthy, false);
      assert.equal(hung.pendingWrites, 1);
      assert.equal((await unified.retrieve('bob', 'city'))?.value, 'Braga');
    } finally {
      secondaryServer.signal('SIGCONT');
    }
    assert.equal(await unified.healthCheck(), true);
    assert.ok(unified.getBackendStatus().every((s) => s.healthy && s.pendingWrites === 0));
    assert.deepEqual(await contents(secondary, users), await contents(primary, users));
    assert.equal((await secondary.retrieve('bob', 'city'))?.value, 'Braga');
  });

  it('fails a write that no backend accepts, and queues nothing', async () => {
    const nowhere = new UnifiedMemoryBackend([{ backend: createRemoteBackend({ url: 'http://127.0.0.1:9', timeoutMs: 500 }), maxRetries: 0 }], { healthCheckIntervalMs: 0 });
    await assert.rejects(nowhere.store({ userId: 'u', key: 'k', value: 'v' }), /no backend accepted the write/);
    await assert.rejects(nowhere.retrieve('u', 'k'), /no healthy backend/);
    assert.equal(nowhere.getBackendStatus()[0]!.pendingWrites, 0);
    assert.equal(await nowhere.healthCheck(), false);
    nowhere.close();
  });
});
