import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeuristicExtractor } from '../src/ai/extraction/heuristic-extractor.js';
import { chunkContent } from '../src/consolidation/chunking.js';
import type { ConsolidationConflicts } from '../src/consolidation/conflicts-types.js';
import { buildConflicts } from '../src/consolidation/conflicts.js';
import { resolveDeterministically } from '../src/consolidation/deterministic-resolver.js';
import { appendHistory, mergeScore, unionTypes } from '../src/consolidation/merge-rules.js';
import { planProblems, planTargets } from '../src/consolidation/plan.js';

describe('heuristic extraction', () => {
  it('finds people, places, organisations and dates, and links what one sentence names together', async () => {
    const { entities, relationships } = await new HeuristicExtractor().extract([
      'Alice Johnson moved to Berlin in March 2024. She works at Google with Bob Smith.',
      'Alice Johnson met Bob Smith again at Google.',
    ]);
    const types = Object.fromEntries(entities.map((e) => [e.name, e.types]));
    assert.deepEqual(types['Alice Johnson'], ['person']);
    assert.deepEqual(types['Bob Smith'], ['person']);
    assert.deepEqual(types['Berlin'], ['place']);
    assert.deepEqual(types['Google'], ['organization']);
    assert.ok(entities.some((e) => e.types.includes('date') && /March 2024/.test(e.name)));
    assert.equal(entities.filter((e) => e.name === 'Alice Johnson').length, 1);
    const pair = relationships.find((r) => r.sourceName === 'Bob Smith' && r.targetName === 'Google');
    assert.equal(pair?.type, 'co_occurs_with');
    assert.ok(pair.strength > relationships.find((r) => r.targetName === 'Berlin' || r.sourceName === 'Berlin')!.strength, 'seen twice, stronger');
    assert.deepEqual(await new HeuristicExtractor().extract(['nothing to see here']), { entities: [], relationships: [] });
  });
});

describe('deterministic resolver', () => {

  it('keeps an identical chunk, updates a close one, creates a new one and deletes what the section dropped', () => {
    const conflicts = buildConflicts({
      sections: [{ id: 'notes', content: 'Alice likes green tea in the morning.\n\nAlice wants to visit Kyoto and Osaka in April.\n\nBob plays chess.', updateCount: 1, updatedAt: '' }],
      chunks: [
        chunk('c1', 'Alice likes green tea in the morning.'),
        chunk('c2', 'Alice wants to visit Kyoto in April.'),
        chunk('c3', 'Alice has a cat named Tom.'),
      ],
      entities: [],
      relationships: [],
      extraction: { entities: [], relationships: [] },
    });
    const plan = resolveDeterministically(conflicts);
    assert.deepEqual(plan.chunks, [
      { action: 'update', chunkId: 'c2', content: 'Alice wants to visit Kyoto and Osaka in April.' },
      { action: 'create', sectionId: 'notes', content: 'Bob plays chess.' },
      { action: 'delete', chunkId: 'c3' },
    ]);
  });

  it('merges an entity only when similarity ≥ 0.85 and overlap ≥ 0.7', () => {
    const entity = (id: string, name: string) => ({ id, shorttermId: 's', tenantId: 't', externalId: 'e', name, types: ['person'], description: '', confidence: 0.5, metadata: {}, createdAt: '', updatedAt: '' });
    const extracted = (name: string) => ({ name, types: ['person'], description: '', confidence: 0.8 });
    const conflicts = buildConflicts({
      sections: [],
      chunks: [],
      entities: [entity('e1', 'Alice Johnson'), entity('e2', 'Bob')],
      relationships: [],
      extraction: { entities: [extracted('alice  johnson'), extracted('Alice'), extracted('Bobby')], relationships: [] },
    });
    const plan = resolveDeterministically(conflicts);
    assert.deepEqual(plan.entities.map((a) => (a.action === 'merge' ? `merge ${a.targetId}` : `create ${a.name}`)), ['merge e1', 'create Alice', 'create Bobby']);
    const scores = conflicts.entities[0]!.matches[0]!;
    assert.ok(scores.similarity >= 0.85 && scores.overlap >= 0.7);
  });
});

describe('plan checks and merge rules', () => {
  it('names every id a plan invents', () => {
    const conflicts: ConsolidationConflicts = { sections: [{ sectionId: 'notes', newChunks: ['x'], existingChunks: [{ id: 'c1', content: 'y' }] }], entities: [], relationships: [] };
    const targets = planTargets(conflicts, { entityIds: ['e1'], relationshipIds: [] });
    const problems = planProblems(
      {
        chunks: [
          { action: 'create', sectionId: 'other', content: 'x' },
          { action: 'update', chunkId: 'c1', content: 'x' },
          { action: 'delete', chunkId: 'c1' },
        ],
        entities: [{ action: 'merge', targetId: 'e9', types: [], description: '', confidence: 1 }],
        relationships: [{ action: 'merge', targetId: 'r1', type: 'knows', description: '', confidence: 1, strength: 1 }],
      },
      new Set(['notes']),
      targets,
    );
    assert.deepEqual(problems, [
      'chunk create names section "other", which was not updated',
      'chunk c1 is changed more than once',
      'entity merge names unknown entity "e9"',
      'relationship merge names unknown relationship "r1"',
    ]);
  });

  it('merges scores, unions types long-term first and bounds histories', () => {
    assert.equal(mergeScore(0.5, 1), 0.6 * 1 + 0.4 * 0.5);
    assert.deepEqual(unionTypes(['Person', 'engineer'], ['person', 'parent']), ['Person', 'engineer', 'parent']);
    let metadata = {};
    for (let i = 0; i < 5; i++) metadata = appendHistory(metadata, 'stateHistory', { i }, 3);
    assert.deepEqual(metadata, { stateHistory: [{ i: 2 }, { i: 3 }, { i: 4 }] });
  });

  it('cuts long paragraphs at sentence ends', () => {
    const sentence = 'This sentence is exactly long enough to matter here. ';
    const chunks = chunkContent(`Short one.\n\n${sentence.repeat(20)}`);
    assert.equal(chunks[0], 'Short one.');
    assert.ok(chunks.length > 2);
    assert.ok(chunks.slice(1).every((c) => c.length <= 600 && c.endsWith('.')));
  });
});

function chunk(id: string, content: string) {
  return { id, shorttermId: 's', tenantId: 't', externalId: 'e', sectionId: 'notes', content, metadata: {}, createdAt: '', updatedAt: '' };
}
