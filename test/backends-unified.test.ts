import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { createLocalBackend } from '../src/backends/create.js';
import type { FactMemoryBackend } from '../src/backends/fact-backend.js';
import { UnifiedMemoryBackend } from '../src/backends/unified-backend.js';
import { ValidationError } from '../src/errors.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`UnifiedMemoryBackend over local backends (${kind})`, () => {
    let mem: AgentMem;
    let high: FactMemoryBackend;
    let low: FactMemoryBackend;
    let off: FactMemoryBackend;
    let unified: UnifiedMemoryBackend;
    before(async () => {
      mem = await openTestMem(kind, { tenantId: 'replica-high' });
      high = createLocalBackend(mem, 'high');
      low = createLocalBackend(mem.forTenant('replica-low'), 'low');
      off = createLocalBackend(mem.forTenant('replica-off'), 'off');
      unified = new UnifiedMemoryBackend(
        [
          { backend: low, priority: 1 },
          { backend: off, priority: 100, enabled: false },
          { backend: high, priority: 5 },
        ],
        { healthCheckIntervalMs: 0 },
      );
    });
    after(async () => {
      unified.close();
      await mem.close();
    });

    it('writes every enabled backend and never a disabled one', async () => {
      const stored = await unified.store({ userId: 'u1', key: 'lang', value: 'Portuguese', metadata: { from: 'chat' } });
      assert.equal(stored.value, 'Portuguese');
      assert.equal((await high.retrieve('u1', 'lang'))?.value, 'Portuguese');
      assert.equal((await low.retrieve('u1', 'lang'))?.value, 'Portuguese');
      assert.equal(await off.retrieve('u1', 'lang'), null);
      assert.equal(await unified.delete('u1', 'lang'), true);
      assert.equal(await low.retrieve('u1', 'lang'), null);
      assert.equal(await unified.delete('u1', 'lang'), false);
      assert.deepEqual(unified.getBackendStatus().map((s) => [s.name, s.enabled, s.priority]), [['off', false, 100], ['high', true, 5], ['low', true, 1]]);
    });

    it('reads from the highest priority backend and merges searches newest first', async () => {
      await low.store({ userId: 'u2', key: 'city', value: 'Porto (stale replica)' });
      await high.store({ userId: 'u2', key: 'city', value: 'Lisbon' });
      await low.store({ userId: 'u2', key: 'city-note', value: 'city trips only in spring' });
      assert.equal((await unified.retrieve('u2', 'city'))?.value, 'Lisbon');
      assert.deepEqual((await unified.getAll('u2')).map((e) => e.key), ['city']);
      const found = await unified.search('city', { userId: 'u2' });
      assert.deepEqual(found.map((e) => e.value), ['city trips only in spring', 'Lisbon']);
      assert.equal((await unified.search('city', { userId: 'u2', limit: 1 })).length, 1);
    });

    it('rejects bad input without queuing it anywhere', async () => {
      await assert.rejects(unified.store({ userId: 'u3', key: '', value: 'v' }), ValidationError);
      assert.ok(unified.getBackendStatus().every((s) => s.pendingWrites === 0 && s.healthy));
      assert.throws(() => new UnifiedMemoryBackend([]), ValidationError);
    });

    it('cleans up on every backend', async () => {
      assert.equal(await unified.cleanup(365), 0);
      assert.ok(await unified.healthCheck());
    });
  });
}
