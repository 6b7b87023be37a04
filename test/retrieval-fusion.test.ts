import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuse } from '../src/retrieval/fusion.js';
import type { HydratedItem } from '../src/retrieval/hydrate.js';
import { entityOverlap, queryEntities } from '../src/retrieval/query-entities.js';
import { score } from '../src/retrieval/scoring.js';
import { DEFAULT_TUNING } from '../src/retrieval/tuning.js';

const hit = (itemId: string, s: number) => ({ tier: 'episode' as const, itemId, score: s });

describe('fusion and scoring', () => {
  it('adds min-max normalised retriever scores with their weights', () => {
    const vector = [hit('a', 0.9), hit('b', 0.5), hit('c', 0.1)];
    const text = [hit('b', 12), hit('d', 2)];
    const fused = fuse(vector, text, { text: 0.5, vector: 0.5 });
    assert.deepEqual(fused.map((f) => f.itemId), ['b', 'a', 'c', 'd']);
    const b = fused[0]!;
    assert.deepEqual([b.vector, b.text], [0.5, 12]);
    assert.ok(Math.abs(b.fused - (0.5 * 0.5 + 0.5 * 1)) < 1e-9);
    assert.equal(fused.find((f) => f.itemId === 'd')!.fused, 0);
    assert.deepEqual(fuse(vector, text, { text: 1, vector: 0 }).map((f) => f.itemId), ['b', 'd']);
    assert.deepEqual(fuse([], [], { text: 0.5, vector: 0.5 }), []);
  });

  it('finds the names a question mentions', () => {
    assert.deepEqual(queryEntities('When did Caroline go to the LGBTQ support group?'), ['Caroline', 'LGBTQ']);
    assert.deepEqual(queryEntities("What is Melanie's favourite book? Would Jon like it?"), ['Melanie', 'Jon']);
    assert.deepEqual(queryEntities('what did i eat yesterday'), []);
    assert.equal(entityOverlap('Caroline: I went to the group', ['Caroline', 'LGBTQ']), 0.5);
    assert.equal(entityOverlap('Carolines are rare', ['Caroline']), 0);
  });

  it('boosts named entities and lends a turn the score of its conversation neighbour', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const item = (id: string, content: string, minute: number): HydratedItem => ({
      tier: 'episode',
      hitId: id,
      id,
      content,
      provenance: {},
      metadata: {},
      at: new Date(Date.parse(at) + minute * 60_000).toISOString(),
      isTurn: true,
    });
    const candidates = [
      { item: item('question', 'Jon: where did you go hiking?', 0), fused: { tier: 'episode' as const, itemId: 'question', fused: 1 } },
      { item: item('answer', 'Gina: up Mount Tam, it was lovely', 1), fused: { tier: 'episode' as const, itemId: 'answer', fused: 0.2 } },
      { item: item('far', 'Gina: lovely weather today', 600), fused: { tier: 'episode' as const, itemId: 'far', fused: 0.2 } },
    ];
    const scored = score(candidates, ['Gina'], DEFAULT_TUNING, at);
    const by = Object.fromEntries(scored.map((s) => [s.item.id, s]));
    assert.ok(by.answer!.scores.context > 0, 'the answer turn right after the matching question borrows its score');
    assert.equal(by.far!.scores.context, 0);
    assert.ok(by.answer!.score > by.far!.score);
    assert.equal(by.question!.scores.entity, 0);
    assert.equal(by.answer!.scores.entity, DEFAULT_TUNING.entityBoost);
  });
});
