import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Scope } from '../src/model/scope.js';
import { PriorityQueue } from '../src/sleep/priority-queue.js';
import { SleepScheduler } from '../src/sleep/scheduler.js';
import type { Store } from '../src/store/port.js';
import { episode, scope } from './support/fixtures.js';
import { STORE_KINDS, openTestStore } from './support/stores.js';

const HOUR = 3_600_000;

describe('priority queue', () => {
  it('pops the highest priority first, ties in insertion order', () => {
    const queue = new PriorityQueue<string>();
    for (const [item, priority] of [['a', 1], ['b', 5], ['c', 1], ['d', 5], ['e', 3]] as const) queue.push(item, priority);
    assert.deepEqual([queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop()], ['b', 'd', 'e', 'a', 'c', undefined]);
  });
});

for (const kind of STORE_KINDS) {
  describe(`sleep scheduler (${kind})`, () => {
    let store: Store;
    let now: number;
    let scheduler: SleepScheduler;
    const clock = () => new Date(now);
    const at = (ms: number) => new Date(ms).toISOString();
    const recordRun = (s: Scope, startedAt: number) =>
      store.runs.insert({ id: randomUUID(), ...s, kind: 'sleep', memoryId: null, trigger: 'test', status: 'succeeded', counts: {}, report: {}, error: null, startedAt: at(startedAt), finishedAt: at(startedAt) });

    before(async () => (store = await openTestStore(kind)));
    after(() => store.close());

    const fresh = () => {
      now = Date.parse('2026-05-01T00:00:00.000Z');
      scheduler = new SleepScheduler({ store, now: clock });
    };

    it('scheduled: fires once the interval has passed since registration, then since the last run', async () => {
      fresh();
      const s = scope(`scheduled-${kind}`);
      scheduler.registerScope(s, { intervalHours: 6 });
      now += 5 * HOUR;
      assert.deepEqual(await scheduler.checkTriggers(), []);
      now += HOUR;
      const [task] = await scheduler.checkTriggers();
      assert.equal(task?.kind, 'scheduled');
      assert.deepEqual(task?.scope, s);
      assert.equal(scheduler.next()?.trigger, 'scheduled');
      await recordRun(s, now);
      now += 3 * HOUR;
      assert.deepEqual(await scheduler.checkTriggers(), []);
      now += 3 * HOUR;
      assert.equal((await scheduler.checkTriggers()).length, 1);
    });

    it('quota: fires on the episodes or bytes written since the last run', async () => {
      fresh();
      const byCount = scope(`quota-count-${kind}`);
      const byBytes = scope(`quota-bytes-${kind}`);
      scheduler.registerScope(byCount, { episodeQuota: 3 });
      scheduler.registerScope(byBytes, { byteQuota: 100 });
      await recordRun(byCount, now - HOUR);
      await store.episodes.insertMany([episode(byCount, { createdAt: at(now - 2 * HOUR) }), episode(byCount, { createdAt: at(now - 10) }), episode(byCount, { createdAt: at(now - 5) })]);
      await store.episodes.insertMany([episode(byBytes, { text: 'x'.repeat(60) })]);
      assert.deepEqual(await scheduler.checkTriggers(), []);
      await store.episodes.insertMany([episode(byCount, { createdAt: at(now) })]);
      await store.episodes.insertMany([episode(byBytes, { text: 'y'.repeat(60) })]);
      const fired = await scheduler.checkTriggers();
      assert.deepEqual(fired.map((t) => [t.scope.externalId, t.kind]).sort(), [[byBytes.externalId, 'quota'], [byCount.externalId, 'quota']]);
    });

    it('event: fires only for the events a scope listens to', async () => {
      fresh();
      const s = scope(`event-${kind}`);
      scheduler.registerScope(s, { events: ['session_end'] });
      assert.equal(scheduler.emitEvent(s, 'page_view'), undefined);
      assert.equal(scheduler.emitEvent(scope('unregistered'), 'session_end'), undefined);
      assert.equal(scheduler.emitEvent(s, 'session_end')?.trigger, 'event:session_end');
      assert.equal(scheduler.pending().length, 1);
    });

    it('manual: queues with its priority; one task per scope, raised by a stronger trigger', async () => {
      fresh();
      const a = scope(`manual-a-${kind}`);
      const b = scope(`manual-b-${kind}`);
      const c = scope(`manual-c-${kind}`);
      scheduler.registerScope(a, { intervalHours: 1, events: ['flush'] });
      now += 2 * HOUR;
      await scheduler.checkTriggers();
      scheduler.triggerManual(b, 20);
      scheduler.triggerManual(c, 500);
      assert.deepEqual(scheduler.pending().map((t) => t.scope.externalId), [c.externalId, b.externalId, a.externalId]);
      scheduler.emitEvent(a, 'flush');
      await scheduler.checkTriggers();
      assert.deepEqual(scheduler.pending().map((t) => [t.scope.externalId, t.trigger]), [[c.externalId, 'manual'], [a.externalId, 'event:flush'], [b.externalId, 'manual']]);
      assert.deepEqual(scheduler.pending('other-tenant'), []);
    });

    it('notifies listeners when a task is queued', () => {
      fresh();
      let calls = 0;
      const unsubscribe = scheduler.onEnqueue(() => calls++);
      scheduler.triggerManual(scope('listened'));
      unsubscribe();
      scheduler.triggerManual(scope('unlistened'));
      assert.equal(calls, 1);
    });
  });
}
