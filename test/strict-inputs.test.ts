import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { ValidationError } from '../src/errors.js';
import { STORE_KINDS, openTestMem } from './support/stores.js';

/** A ValidationError whose issues are exactly these unknown fields. */
function unknownFields(...fields: string[]) {
  return (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.deepEqual(error.issues, fields.map((field) => ({ field, reason: 'unknown field' })));
    for (const field of fields) assert.match(error.message, new RegExp(`${field.replace(/\./g, '\\.')}: unknown field`));
    return true;
  };
}

describe('library inputs are strict', () => {
  let mem: AgentMem;
  before(async () => (mem = await openTestMem('sqlite')));
  after(() => mem.close());

  it('rejects a misspelled option or an unknown field, naming it, and writes nothing', async () => {
    await assert.rejects(mem.retrieveMemories({ externalId: 'a', query: 'x', limt: 3 } as never), unknownFields('limt'));
    await assert.rejects(mem.listEpisodes({ externalId: 'a', limt: 3 } as never), unknownFields('limt'));
    await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'hello', metadataa: {} } as never), unknownFields('metadataa'));
    await assert.rejects(mem.putFact({ externalId: 'a', key: 'k', value: 'v', metadataa: {} } as never), unknownFields('metadataa'));
    await assert.rejects(
      mem.addEpisodes({ externalId: 'a', episodes: [{ text: 'one' }, { text: 'two', tgas: ['x'] }] } as never),
      unknownFields('episodes.1.tgas'),
    );
    await assert.rejects(
      mem.createActiveMemory({ externalId: 'a', title: 'T', template: { sections: [{ id: 'goals' }], extra: true } } as never),
      unknownFields('template.extra'),
    );
    assert.throws(() => mem.sleepScheduler.registerScope({ externalId: 'a', triggers: { episodeQouta: 5 } } as never), unknownFields('triggers.episodeQouta'));
    await assert.rejects(mem.getConsolidationRuns({ externalId: 'a', kinds: 'sleep' } as never), unknownFields('kinds'));
    await assert.rejects(mem.getConsolidationRun({ externalId: 'a', runId: 'r', verbose: true } as never), unknownFields('verbose'));
    await assert.rejects(mem.getLongTermMemory({ externalId: 'a', asof: '2026-01-01T00:00:00Z' } as never), unknownFields('asof'));
    assert.deepEqual((await mem.listEpisodes({ externalId: 'a' })).items, []);
    assert.deepEqual(await mem.listScopes(), []);
  });
});

/** A ValidationError with an issue at `field` whose reason matches `reason`. */
function rejectedAt(field: string, reason: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.ok(
      error.issues.some((i) => i.field === field && reason.test(i.reason)),
      `expected ${field} ~ ${reason}, got ${JSON.stringify(error.issues)}`,
    );
    return true;
  };
}

/** `{a: {a: … {} }}`, `levels` objects deep. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 1; i < levels; i++) node = (node.a = {}) as Record<string, unknown>;
  return root;
}

for (const kind of STORE_KINDS) {
  describe(`library inputs a store could not keep are rejected before the store (${kind})`, () => {
    let mem: AgentMem;
    before(async () => (mem = await openTestMem(kind)));
    after(() => mem.close());

    const unstorable = /must not contain NUL/;

    it('rejects NUL and unpaired surrogates in every kind of string, naming the field, and writes nothing', async () => {
      for (const bad of ['nul\u0000byte', 'lone \uD800 high', 'lone \uDC00 low']) {
        await assert.rejects(mem.addEpisode({ externalId: 'a', text: bad }), rejectedAt('text', unstorable));
        await assert.rejects(mem.addEpisode({ externalId: bad, text: 'x' }), rejectedAt('externalId', unstorable));
        await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', tags: [bad] }), rejectedAt('tags.0', unstorable));
        await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', metadata: { note: { deeper: [bad] } } }), rejectedAt('metadata.note.deeper.0', unstorable));
        await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', metadata: { [bad]: 1 } }), rejectedAt(`metadata.${bad}`, /key must not contain NUL/));
        await assert.rejects(mem.putFact({ externalId: 'a', key: 'k', value: bad }), rejectedAt('value', unstorable));
        await assert.rejects(mem.putFact({ externalId: 'a', key: bad, value: 'v' }), rejectedAt('key', unstorable));
        await assert.rejects(mem.getEpisode({ externalId: 'a', episodeId: bad }), rejectedAt('episodeId', unstorable));
        await assert.rejects(mem.listEpisodes({ externalId: 'a', textContains: bad }), rejectedAt('textContains', unstorable));
        await assert.rejects(mem.listEpisodes({ externalId: 'a', metadata: { k: bad } }), rejectedAt('metadata.k', unstorable));
        await assert.rejects(mem.retrieveMemories({ externalId: 'a', query: bad }), rejectedAt('query', unstorable));
        await assert.rejects(mem.addMessages({ externalId: 'a', messages: [{ role: 'user', content: 'hi', name: bad }] }), rejectedAt('messages.0.name', unstorable));
        await assert.rejects(
          mem.createActiveMemory({ externalId: 'a', title: 'T', template: { sections: [{ id: 'goals' }] }, initialSections: { goals: bad } }),
          rejectedAt('initialSections.goals', unstorable),
        );
        await assert.rejects(mem.recordOutcome({ externalId: 'a', task: 't', outcome: bad, success: true }), rejectedAt('outcome', unstorable));
        await assert.rejects(async () => mem.sleepScheduler.emitEvent({ externalId: 'a', event: bad }), rejectedAt('event', unstorable));
      }
      assert.deepEqual(await mem.listScopes(), []);
    });

    it('checks metadata depth and size before anything walks it', async () => {
      await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', metadata: nested(5000) }), rejectedAt(`metadata${'.a'.repeat(32)}`, /at most 32 levels deep/));
      await assert.rejects(mem.putFact({ externalId: 'a', key: 'k', value: 'v', metadata: nested(33) }), /at most 32 levels deep/);
      await assert.rejects(mem.recordOutcome({ externalId: 'a', task: 't', outcome: 'o', success: true, metadata: nested(5000) }), /at most 32 levels deep/);
      await assert.rejects(
        mem.createActiveMemory({ externalId: 'a', title: 'T', template: { sections: [{ id: 'goals' }] }, metadata: { blob: 'x'.repeat(70_000) } }),
        rejectedAt('metadata', /at most 65536 bytes as JSON/),
      );
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', metadata: cyclic }), /at most 32 levels deep/);
      await assert.rejects(mem.addEpisode({ externalId: 'a', text: 'x', metadata: { n: 10n } }), rejectedAt('metadata.n', /must be a JSON value/));
      assert.deepEqual(await mem.listScopes(), []);
      const deepest = await mem.addEpisode({ externalId: 'a', text: 'x', metadata: nested(32) });
      assert.deepEqual(deepest.metadata, nested(32));
    });

    it('refuses a __proto__ key (which a record would drop unseen) wherever a caller names keys', async () => {
      const reserved = /the key __proto__ is reserved/;
      const withProto = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}, "kept": 1}`) as Record<string, never>;
      await assert.rejects(mem.addEpisode({ externalId: 'p', text: 'x', metadata: withProto({}) }), rejectedAt('metadata.__proto__', reserved));
      await assert.rejects(mem.addEpisode({ externalId: 'p', text: 'x', metadata: { note: withProto(1) } }), rejectedAt('metadata.note.__proto__', reserved));
      await assert.rejects(mem.listEpisodes({ externalId: 'p', metadata: withProto('v') }), rejectedAt('metadata.__proto__', reserved));
      await assert.rejects(
        mem.createActiveMemory({ externalId: 'p', title: 'T', template: { sections: [{ id: 'goals' }] }, initialSections: withProto('text') }),
        rejectedAt('initialSections.__proto__', reserved),
      );
      await assert.rejects(mem.createActiveMemory({ externalId: 'p', title: 'T', template: { sections: [{ id: '__proto__' }] } }), rejectedAt('template.sections.0.id', reserved));
      assert.ok(!(await mem.listScopes()).some((s) => s.externalId === 'p'));
    });

    it('bounds every number of the sleep cycle and its triggers', async () => {
      await assert.rejects(mem.runSleepCycle({ externalId: 's', windowDays: 1e10 }), rejectedAt('windowDays', /at most 3652500/));
      await assert.rejects(mem.runSleepCycle({ externalId: 's', maxClusters: 2 ** 40 }), rejectedAt('maxClusters', /between 1 and 5000/));
      await assert.rejects(mem.runSleepCycle({ externalId: 's', minClusterSize: 0 }), rejectedAt('minClusterSize', /between 1 and 5000/));
      await assert.rejects(mem.runSleepCycle({ externalId: 's', minSimilarity: 2 }), rejectedAt('minSimilarity', /between -1 and 1/));
      assert.throws(() => mem.sleepScheduler.registerScope({ externalId: 's', triggers: { intervalHours: 1e308 } }), rejectedAt('triggers.intervalHours', /at most 87600/));
      assert.throws(() => mem.sleepScheduler.registerScope({ externalId: 's', triggers: { byteQuota: 2 ** 60 } }), rejectedAt('triggers.byteQuota', /between 1 and/));
      await assert.rejects(async () => mem.sleepScheduler.triggerManual({ externalId: 's', priority: 1e300 }), rejectedAt('priority', /between -1000000 and 1000000/));
      assert.equal((await mem.sleepScheduler.getTriggers({ externalId: 's' })).source, 'default');
      assert.throws(() => mem.startSleepService({ intervalHours: 0 }), rejectedAt('intervalHours', /positive/));
      assert.deepEqual(await mem.sleepScheduler.pending(), []);
      const report = await mem.runSleepCycle({ externalId: 's', windowDays: 3_652_500 });
      assert.equal(report.status, 'succeeded');
    });
  });
}
