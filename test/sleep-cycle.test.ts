import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AgentMem } from '../src/agent-mem.js';
import { ValidationError } from '../src/errors.js';
import { runLockName } from '../src/runtime/run-lifecycle.js';
import type { Store } from '../src/store/port.js';
import { STORE_KINDS, testLocation } from './support/stores.js';
import { scriptedModel } from './sleep-scripted-model.js';

const START = Date.parse('2026-04-01T09:00:00.000Z');
const HOUR = 3_600_000;

const TEA = ['I always drink green tea in the morning.', 'Ordered a green tea at the café again.', 'I prefer tea over coffee, coffee makes me jittery.'];
const KYOTO = ['Booked flights to Kyoto for April.', 'Planning to visit the temples in Kyoto during the trip.', 'Reserved a ryokan in Kyoto for three nights.'];

const teaGist = { gist: 'The user prefers green tea to coffee.', type: 'preference', confidence: 1, subject: 'user', predicate: 'prefers_drink', value: 'green tea', key: 'user.preference.drink' };
const tripGist = { gist: 'The user is planning a trip to Kyoto in April.', type: 'fact', confidence: 0.8, subject: 'user', predicate: 'plans_trip_to', value: 'Kyoto in April', key: 'user.trip.destination' };

/** The model's answer for a prompt: the tea gist for tea episodes, the trip gist otherwise. */
function gistModel() {
  const model = scriptedModel([]);
  model.doGenerate = async (options) => {
    const isTea = /tea/i.test(JSON.stringify(options.prompt));
    return (scriptedModel([isTea ? teaGist : tripGist]).doGenerate as typeof model.doGenerate)(options);
  };
  return model;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const kind of STORE_KINDS) {
  describe(`sleep cycle end to end (${kind})`, () => {
    let now = START;
    const clock = () => new Date(now);
    let location: Awaited<ReturnType<typeof testLocation>>;
    let mem: AgentMem;
    let withModel: AgentMem;
    const storeOf = (m: AgentMem) => (m as unknown as { runtime: { store: Store } }).runtime.store;

    before(async () => {
      location = await testLocation(kind);
      mem = await AgentMem.open({ ...location, tenantId: 'acme', now: clock });
      withModel = await AgentMem.open({ ...location, tenantId: 'acme', now: clock, llm: gistModel() });
    });
    after(async () => {
      await mem.close();
      await withModel.close();
    });

    const write = (m: AgentMem, externalId: string, texts: string[], type: 'preference' | 'episodic_event' = 'episodic_event') =>
      m.addEpisodes({ externalId, episodes: texts.map((text) => ({ text, type, confidence: 0.8, occurredAt: new Date(now - HOUR).toISOString() })) });

    it('without a model: extractive facts whose evidence points at the consolidated episodes', async () => {
      const episodes = [...(await write(mem, 'plain', TEA, 'preference')), ...(await write(mem, 'plain', KYOTO))];
      const report = await mem.runSleepCycle({ externalId: 'plain' });
      assert.equal(report.status, 'succeeded');
      assert.equal(report.sampled, 6);
      assert.equal(report.clusters, 2);
      assert.equal(report.factsCreated, 2);
      assert.equal(report.episodesMarked, 6);
      assert.deepEqual(report.errors, []);
      const facts = await mem.listFacts({ externalId: 'plain' });
      assert.equal(facts.length, 2);
      const ids = new Set(episodes.map((e) => e.id));
      for (const fact of facts) {
        assert.equal(fact.metadata.gistSource, 'extractive');
        assert.ok(fact.confidence <= 0.4 + 1e-9);
        assert.equal(fact.evidenceIds.length, 3);
        assert.ok(fact.evidenceIds.every((id) => ids.has(id)));
        // Each fact's evidence is one topic: all tea or all Kyoto.
        const texts = episodes.filter((e) => fact.evidenceIds.includes(e.id)).map((e) => e.text);
        assert.ok(texts.every((t) => TEA.includes(t)) || texts.every((t) => KYOTO.includes(t)));
        assert.ok(texts.includes(fact.value));
      }
      const stored = await storeOf(mem).episodes.getMany({ tenantId: 'acme', externalId: 'plain' }, [...ids]);
      assert.ok(stored.every((e) => e.status === 'consolidated' && e.consolidatedAt === clock().toISOString()));
      assert.equal(facts.find((f) => f.category === 'preference')?.evidenceIds.every((id) => episodes.find((e) => e.id === id)?.type === 'preference'), true);
    });

    it('persists the report as a sleep run, and a cycle with nothing new changes nothing', async () => {
      const [latest] = await mem.getSleepReports({ externalId: 'plain' });
      assert.equal(latest?.factsCreated, 2);
      assert.equal(latest?.facts.length, 2);
      assert.equal(latest?.trigger, 'manual');
      now += 1000;
      const again = await mem.runSleepCycle({ externalId: 'plain', trigger: 'quota' });
      assert.deepEqual([again.sampled, again.factsCreated, again.factsUpdated], [0, 0, 0]);
      assert.equal((await mem.listFacts({ externalId: 'plain', includeHistory: true })).length, 2);
      assert.deepEqual((await mem.getSleepReports({ externalId: 'plain' })).map((r) => r.trigger), ['quota', 'manual']);
    });

    it('with a model: one call per cluster, keyed facts, and a later cycle updates by key', async () => {
      await write(withModel, 'llm', TEA, 'preference');
      await write(withModel, 'llm', KYOTO);
      const first = await withModel.runSleepCycle({ externalId: 'llm' });
      assert.equal(first.factsCreated, 2);
      assert.deepEqual(first.errors, []);
      const drink = await withModel.getFact({ externalId: 'llm', key: 'user.preference.drink' });
      assert.equal(drink.value, 'green tea');
      assert.equal(drink.category, 'preference');
      assert.ok(Math.abs(drink.confidence - 0.8) < 1e-9);
      assert.equal((await withModel.getFact({ externalId: 'llm', key: 'user.trip.destination' })).value, 'Kyoto in April');

      now += HOUR;
      const more = await write(withModel, 'llm', ['Had green tea with lunch.', 'Chose green tea instead of an espresso.']);
      const second = await withModel.runSleepCycle({ externalId: 'llm' });
      assert.deepEqual([second.factsCreated, second.factsUpdated], [0, 1]);
      assert.equal(second.facts[0]?.matchedBy, 'key');
      const history = await withModel.factHistory({ externalId: 'llm', key: 'user.preference.drink' });
      assert.equal(history.length, 2);
      assert.equal(history[0]!.validTo, history[1]!.validFrom);
      assert.ok(more.every((e) => history[1]!.evidenceIds.includes(e.id)));
      assert.ok(history[0]!.evidenceIds.every((id) => history[1]!.evidenceIds.includes(id)));
    });

    it('a later cluster of the same cycle updates a preference an earlier one created, by predicate', async () => {
      const drink = { gist: 'Prefers tea.', type: 'preference', confidence: 1, predicate: 'prefers_drink', value: 'tea', key: null };
      const model = scriptedModel([{ ...drink, subject: null }, { ...drink, subject: 'user', value: 'green tea' }]);
      const scripted = await AgentMem.open({ ...location, tenantId: 'acme', now: clock, llm: model });
      try {
        await write(scripted, 'same-cycle', TEA, 'preference');
        await write(scripted, 'same-cycle', KYOTO);
        const report = await scripted.runSleepCycle({ externalId: 'same-cycle' });
        assert.deepEqual(report.errors, []);
        assert.deepEqual([report.factsCreated, report.factsUpdated, report.facts[1]?.matchedBy], [1, 1, 'predicate']);
        const [current] = await scripted.listFacts({ externalId: 'same-cycle' });
        assert.equal(current?.value, 'green tea');
        assert.equal(current?.evidenceIds.length, 6);
      } finally {
        await scripted.close();
      }
    });

    it('falls back to extractive gists when the model fails, and says so in the report', async () => {
      const failing = await AgentMem.open({ ...location, tenantId: 'acme', now: clock, llm: scriptedModel([new Error('provider down')]) });
      try {
        await write(failing, 'flaky', TEA);
        const report = await failing.runSleepCycle({ externalId: 'flaky' });
        assert.equal(report.status, 'succeeded');
        assert.equal(report.factsCreated, 1);
        assert.match(report.errors.join('\n'), /provider down/);
        assert.equal((await failing.listFacts({ externalId: 'flaky' }))[0]?.metadata.gistSource, 'extractive');
      } finally {
        await failing.close();
      }
    });

    it('skips a cycle while another holds the scope, and validates its options', async () => {
      const lock = await storeOf(mem).locks.tryAcquire(runLockName('sleep', { tenantId: 'acme', externalId: 'locked' }, null), 60_000);
      try {
        const report = await mem.runSleepCycle({ externalId: 'locked' });
        assert.equal(report.status, 'skipped');
      } finally {
        await lock?.release();
      }
      await assert.rejects(mem.runSleepCycle({ externalId: 'x', maxEpisodes: 0 }), (e: unknown) => e instanceof ValidationError && e.issues[0]?.field === 'maxEpisodes');
      await assert.rejects(mem.runSleepCycle({ externalId: 'x', types: ['dream' as never] }), ValidationError);
      assert.deepEqual(await mem.getSleepReports({ externalId: 'x' }), []);
    });

    it('keeps tenants apart', async () => {
      const other = mem.forTenant('globex');
      const report = await other.runSleepCycle({ externalId: 'plain' });
      assert.equal(report.sampled, 0);
      assert.deepEqual(await other.listFacts({ externalId: 'plain' }), []);
      assert.deepEqual((await other.getSleepReports({ externalId: 'plain' })).length, 1);
    });

    it('the worker runs what event and manual triggers queue, with the options the scope registered', async () => {
      await write(mem, 'queued', TEA);
      await mem.sleepScheduler.registerScope({ externalId: 'queued', triggers: { events: ['session_end'] }, cycle: { markAs: 'compressed' } });
      const service = mem.startSleepService({ intervalHours: 1000 });
      try {
        assert.equal((await mem.sleepScheduler.emitEvent({ externalId: 'queued', event: 'session_end' }))?.trigger, 'event:session_end');
        const report = await waitFor(async () => (await mem.getSleepReports({ externalId: 'queued' }))[0]);
        assert.equal(report.trigger, 'event:session_end');
        assert.equal(report.factsCreated, 1);
        const episodes = await mem.listEpisodes({ externalId: 'queued' });
        assert.ok(episodes.items.every((e) => e.status === 'compressed'));
        await write(mem, 'queued-2', KYOTO);
        await mem.sleepScheduler.triggerManual({ externalId: 'queued-2' });
        assert.equal((await waitFor(async () => (await mem.getSleepReports({ externalId: 'queued-2' }))[0])).trigger, 'manual');
        await waitFor(async () => ((await mem.sleepScheduler.pending()).length === 0 ? true : undefined));
      } finally {
        await service.stop();
      }
    });

    it('a cycle whose process died is recorded abandoned, and its queued request runs again', async () => {
      await write(mem, 'orphaned', KYOTO);
      const store = storeOf(mem);
      const scope = { tenantId: 'acme', externalId: 'orphaned' };
      // What a process killed mid-cycle leaves: its request claimed by a `running` run, and no live lock.
      await store.sleepQueue.enqueue(scope, { kind: 'manual', trigger: 'manual', priority: 100 }, new Date(now).toISOString());
      const dead = { id: 'dead-run', ...scope, kind: 'sleep' as const, memoryId: null, trigger: 'manual', status: 'running' as const, counts: {}, report: {}, error: null, startedAt: new Date(now).toISOString(), finishedAt: null };
      await store.transaction(async (tx) => {
        await tx.sleepQueue.claim(scope, dead.id);
        await tx.runs.insert(dead);
      });
      assert.deepEqual(await mem.sleepScheduler.pending(), []);
      const service = mem.startSleepService({ intervalHours: 1000 });
      try {
        const report = await waitFor(async () => (await mem.getSleepReports({ externalId: 'orphaned' }))[0]);
        assert.deepEqual([report.trigger, report.status, report.factsCreated], ['manual', 'succeeded', 1]);
        const abandoned = await mem.getConsolidationRun({ externalId: 'orphaned', runId: dead.id });
        assert.equal(abandoned.status, 'abandoned');
        assert.match(abandoned.error!, /abandoned/);
        assert.deepEqual(await store.sleepQueue.count('acme'), { queued: 0, claimed: 0 });
      } finally {
        await service.stop();
      }
    });

    it('the background service checks every scope and queues its scheduled cycle', async () => {
      await write(mem, 'served', KYOTO);
      const service = mem.startSleepService({ intervalHours: 1000 });
      try {
        await service.checkNow();
        assert.equal((await mem.sleepScheduler.pending()).length, 0);
        now += 25 * HOUR;
        await service.checkNow();
        const report = await waitFor(async () => (await mem.getSleepReports({ externalId: 'served' }))[0]);
        assert.equal(report.trigger, 'scheduled');
      } finally {
        await service.stop();
      }
    });
  });
}
