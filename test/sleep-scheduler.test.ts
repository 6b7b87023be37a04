import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Scope } from '../src/model/scope.js';
import { SleepScheduler } from '../src/sleep/scheduler.js';
import type { Store } from '../src/store/port.js';
import { episode, scope } from './support/fixtures.js';
import { STORE_KINDS, openTestStore, openTestStoresSharing } from './support/stores.js';

const HOUR = 3_600_000;

for (const kind of STORE_KINDS) {
  describe(`sleep scheduler, kept in the store (${kind})`, () => {
    let store: Store;
    let now: number;
    let scheduler: SleepScheduler;
    let wakes: number;
    const clock = () => new Date(now);
    const at = (ms: number) => new Date(ms).toISOString();
    const recordRun = (s: Scope, startedAt: number, status: 'succeeded' | 'abandoned' = 'succeeded') =>
      store.runs.insert({ id: randomUUID(), ...s, kind: 'sleep', memoryId: null, trigger: 'test', status, counts: {}, report: {}, error: null, startedAt: at(startedAt), finishedAt: at(startedAt) });
    const queuedOf = async (tenantId: string) => (await scheduler.pending(tenantId)).map((t) => [t.scope.externalId, t.trigger]);

    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    const fresh = () => {
      now = Date.parse('2026-05-01T00:00:00.000Z');
      wakes = 0;
      scheduler = new SleepScheduler({ store, now: clock, queued: () => wakes++ });
    };

    it('keeps triggers per scope: set, read back (the defaults when none), replace, delete', async () => {
      fresh();
      const s = scope(`registered-${kind}`, 'triggers');
      assert.deepEqual(await scheduler.registration(s), { ...s, source: 'default', triggers: { intervalHours: 24, episodeQuota: 100 }, cycle: {}, registeredAt: null, updatedAt: null });
      await scheduler.register(s, { intervalHours: 6, events: ['session_end'] }, { markAs: 'compressed' });
      now += HOUR;
      const replaced = await scheduler.register(s, { episodeQuota: 3 });
      assert.deepEqual([replaced.source, replaced.triggers, replaced.cycle], ['registered', { episodeQuota: 3 }, {}]);
      assert.equal(replaced.registeredAt, at(now - HOUR), 'registration time kept');
      assert.equal(replaced.updatedAt, at(now));
      const reopened = new SleepScheduler({ store, now: clock, queued: () => {} });
      assert.deepEqual(await reopened.registration(s), replaced, 'another scheduler (another process) reads the same');
      assert.equal(await scheduler.unregister(s), true);
      assert.equal(await scheduler.unregister(s), false);
      assert.equal((await scheduler.registration(s)).source, 'default');
    });

    it('scheduled: due once the interval has passed since registration, then since the last cycle that ran', async () => {
      fresh();
      const s = scope(`scheduled-${kind}`, 'sched');
      await scheduler.register(s, { intervalHours: 6 });
      now += 5 * HOUR;
      assert.deepEqual(await scheduler.checkTriggers('sched'), []);
      now += HOUR;
      const [task] = await scheduler.checkTriggers('sched');
      assert.deepEqual([task?.kind, task?.scope], ['scheduled', s]);
      await recordRun(s, now);
      now += 3 * HOUR;
      await recordRun(s, now, 'abandoned');
      assert.deepEqual(await queuedOf('sched'), [[s.externalId, 'scheduled']], 'one queued request per scope');
      assert.deepEqual(await scheduler.checkTriggers('sched'), [], 'an abandoned cycle does not count as the last one');
      now += 3 * HOUR;
      assert.equal((await scheduler.checkTriggers('sched')).length, 1);
    });

    it('quota: due on the episodes or bytes written since the last cycle; unregistered scopes have the default quota', async () => {
      fresh();
      const byCount = scope(`quota-count-${kind}`, 'quota');
      const byBytes = scope(`quota-bytes-${kind}`, 'quota');
      const unregistered = scope(`quota-default-${kind}`, 'quota');
      await scheduler.register(byCount, { episodeQuota: 3 });
      await scheduler.register(byBytes, { byteQuota: 100 });
      await recordRun(byCount, now - HOUR);
      await store.episodes.insertMany([episode(byCount, { createdAt: at(now - 2 * HOUR) }), episode(byCount, { createdAt: at(now - 10) }), episode(byCount, { createdAt: at(now - 5) })]);
      await store.episodes.insertMany([episode(byBytes, { text: 'x'.repeat(60) })]);
      await store.episodes.insertMany(Array.from({ length: 99 }, () => episode(unregistered, { createdAt: at(now) })));
      assert.deepEqual(await scheduler.checkTriggers('quota'), []);
      await store.episodes.insertMany([episode(byCount, { createdAt: at(now) }), episode(byBytes, { text: 'y'.repeat(60) }), episode(unregistered, { createdAt: at(now) })]);
      const fired = await scheduler.checkTriggers('quota');
      assert.deepEqual(fired.map((t) => [t.scope.externalId, t.kind]).sort(), [[byBytes.externalId, 'quota'], [byCount.externalId, 'quota'], [unregistered.externalId, 'quota']]);
      assert.equal(wakes, 3, 'each queued request wakes the local worker');
    });

    it('event and manual: one queued request per scope, raised by a stronger trigger, in priority order', async () => {
      fresh();
      const a = scope(`manual-a-${kind}`, 'queue');
      const b = scope(`manual-b-${kind}`, 'queue');
      const c = scope(`manual-c-${kind}`, 'queue');
      await scheduler.register(a, { events: ['flush'] });
      assert.equal(await scheduler.emitEvent(a, 'page_view'), undefined);
      assert.equal(await scheduler.emitEvent(scope('unregistered', 'queue'), 'flush'), undefined);
      await scheduler.triggerManual(b, 20);
      await scheduler.triggerManual(c, 500);
      assert.equal((await scheduler.emitEvent(a, 'flush'))?.trigger, 'event:flush');
      assert.deepEqual(await queuedOf('queue'), [[c.externalId, 'manual'], [a.externalId, 'event:flush'], [b.externalId, 'manual']]);
      const raised = await scheduler.triggerManual(a);
      assert.deepEqual([raised.trigger, raised.priority], ['manual', 100]);
      const kept = await scheduler.triggerManual(c, 5);
      assert.deepEqual([kept.trigger, kept.priority], ['manual', 500], 'a weaker trigger leaves the queued one as it is');
      assert.deepEqual(await queuedOf('queue'), [[c.externalId, 'manual'], [a.externalId, 'manual'], [b.externalId, 'manual']]);
      assert.deepEqual(await scheduler.pending('other-tenant'), []);
    });

    it('a claimed request leaves the queue; an abandoned claim returns to it, merged with what was queued since', async () => {
      fresh();
      const s = scope(`claims-${kind}`, 'claims');
      await scheduler.triggerManual(s, 30);
      const claimed = await store.sleepQueue.claim(s, 'dead-run');
      assert.equal(claimed?.priority, 30);
      assert.deepEqual(await queuedOf('claims'), []);
      assert.equal(await store.sleepQueue.claim(s, 'second-run'), undefined, 'nothing left to claim');
      await scheduler.triggerManual(s, 10);
      assert.deepEqual(await store.sleepQueue.count('claims'), { queued: 1, claimed: 1 });
      await store.sleepQueue.release(s, ['dead-run']);
      const [back] = await scheduler.pending('claims');
      assert.deepEqual([back?.priority, back?.enqueuedAt], [30, claimed!.enqueuedAt]);
      assert.deepEqual(await store.sleepQueue.count('claims'), { queued: 1, claimed: 0 });
      await store.sleepQueue.claim(s, 'live-run');
      await store.sleepQueue.complete(s, 'live-run');
      assert.deepEqual(await store.sleepQueue.count('claims'), { queued: 0, claimed: 0 });
    });
  });

  describe(`sleep queue shared by processes (${kind})`, () => {
    it('two processes queue and claim on one store: each request is claimed once', async () => {
      const [first, second] = await openTestStoresSharing(kind, 2);
      try {
        const at = new Date().toISOString();
        const scopes = Array.from({ length: 8 }, (_, i) => scope(`shared-${i}`, 'shared'));
        await Promise.all(scopes.flatMap((s, i) => [first!.sleepQueue.enqueue(s, { kind: 'manual', trigger: 'manual', priority: i }, at), second!.sleepQueue.enqueue(s, { kind: 'event', trigger: 'event:x', priority: 50 }, at)]));
        assert.equal((await first!.sleepQueue.listQueued({ tenantId: 'shared', limit: 100 })).length, 8);
        const claims = await Promise.all(scopes.flatMap((s) => [first!.sleepQueue.claim(s, `a-${s.externalId}`), second!.sleepQueue.claim(s, `b-${s.externalId}`)]));
        assert.equal(claims.filter(Boolean).length, 8);
        assert.deepEqual(await second!.sleepQueue.count('shared'), { queued: 0, claimed: 8 });
      } finally {
        await first!.close();
        await second!.close();
      }
    });
  });
}
