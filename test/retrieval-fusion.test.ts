import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuse } from '../src/retrieval/fusion.js';
import type { HydratedItem } from '../src/retrieval/hydrate.js';
import { entityOverlap, queryEntities, speakerOf, withoutNames } from '../src/retrieval/query-entities.js';
import { score } from '../src/retrieval/scoring.js';
import { asksWhen, saysWhen } from '../src/retrieval/temporal.js';
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

  it('reads the speaker of a turn and takes names out of a query', () => {
    assert.equal(speakerOf('Gina: up Mount Tam'), 'gina');
    assert.equal(speakerOf('User: what time is it?'), 'user');
    assert.equal(speakerOf('no speaker here'), undefined);
    assert.equal(speakerOf('Note at 10:30: call back'), undefined);
    assert.equal(withoutNames("What are Melanie's pets called, Jon?", ['Melanie', 'Jon']), 'What are pets called, ?');
    assert.equal(withoutNames('Where is Tokyo?', []), 'Where is Tokyo?');
    assert.equal(withoutNames('Melanie', ['Melanie']), 'Melanie');
  });

  it('tells questions about time and texts that say when', () => {
    for (const q of ['When did Jon go to Rome?', 'What year did she move?', 'how long ago was the wedding']) assert.ok(asksWhen(q), q);
    for (const q of ['Where did Jon go?', 'Whenever works']) assert.ok(!asksWhen(q), q);
    for (const t of ['I went yesterday', 'Back in May we met', 'since 2019', 'see you next week', 'on Saturdays', 'moved 3 years ago']) assert.ok(saysWhen(t), t);
    for (const t of ['I love pottery', 'you may join us']) assert.ok(!saysWhen(t), t);
  });

  it('boosts names in the text, turns by a named speaker and, for "when" questions, turns that say when', () => {
    const candidates = [
      { item: item('by', 'Gina: I painted a lake', 0), fused: fusedAt('by', 0.5) },
      { item: item('about', 'Jon: Gina painted a lake', 600), fused: fusedAt('about', 0.5) },
      { item: item('dated', 'Jon: I painted it last summer', 1200), fused: fusedAt('dated', 0.5) },
    ];
    const by = (signals: { names: string[]; asksWhen: boolean }) => Object.fromEntries(score(candidates, signals, DEFAULT_TUNING, at).map((s) => [s.item.id, s.scores]));
    const named = by({ names: ['Gina'], asksWhen: false });
    assert.equal(named.by!.entity, DEFAULT_TUNING.entityBoost + DEFAULT_TUNING.speakerBoost);
    assert.equal(named.about!.entity, DEFAULT_TUNING.entityBoost);
    assert.equal(named.dated!.entity, 0);
    assert.deepEqual([named.by!.time, named.dated!.time], [0, 0]);
    const when = by({ names: [], asksWhen: true });
    assert.deepEqual([when.by!.time, when.dated!.time], [0, DEFAULT_TUNING.temporalBoost]);
  });

  it('adds more for an item that says more, up to 200 characters', () => {
    const candidates = [
      { item: item('reply', 'Gina: Wow!', 0), fused: fusedAt('reply', 0.5) },
      { item: item('story', `Gina: ${'we hiked up the ridge and camped by the lake '.repeat(6)}`, 600), fused: fusedAt('story', 0.5) },
    ];
    const by = Object.fromEntries(score(candidates, { names: [], asksWhen: false }, DEFAULT_TUNING, at).map((s) => [s.item.id, s]));
    assert.equal(by.story!.scores.length, DEFAULT_TUNING.lengthBoost);
    assert.ok(Math.abs(by.reply!.scores.length - (DEFAULT_TUNING.lengthBoost * 'Gina: Wow!'.length) / 200) < 1e-12);
    assert.ok(by.story!.score > by.reply!.score);
  });

  it('lends a turn the score of its conversation neighbour', () => {
    const candidates = [
      { item: item('question', 'Jon: where did you go hiking?', 0), fused: fusedAt('question', 1) },
      { item: item('answer', 'Gina: up Mount Tam, it was lovely', 1), fused: fusedAt('answer', 0.2) },
      { item: item('far', 'Gina: lovely weather today', 600), fused: fusedAt('far', 0.2) },
    ];
    const scored = score(candidates, { names: ['Gina'], asksWhen: false }, DEFAULT_TUNING, at);
    const by = Object.fromEntries(scored.map((s) => [s.item.id, s]));
    assert.ok(by.answer!.scores.context > 0, 'the answer turn right after the matching question borrows its score');
    assert.equal(by.far!.scores.context, 0);
    assert.ok(by.answer!.score > by.far!.score);
  });
});

const at = '2026-01-01T00:00:00.000Z';

function item(id: string, content: string, minute: number): HydratedItem {
  return { tier: 'episode', hitId: id, id, content, provenance: {}, metadata: {}, at: new Date(Date.parse(at) + minute * 60_000).toISOString(), isTurn: true, speaker: speakerOf(content) };
}

function fusedAt(itemId: string, fused: number) {
  return { tier: 'episode' as const, itemId, fused };
}
