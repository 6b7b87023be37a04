import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentMem } from '../src/agent-mem.js';
import { ValidationError } from '../src/errors.js';
import { openTestMem } from './support/stores.js';

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
