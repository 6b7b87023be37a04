import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../src/ai/embedder.js';
import { alignGist, suggestKey } from '../src/sleep/aligner.js';
import { clusterEpisodes, type ClusterInput } from '../src/sleep/clusterer.js';
import { extractGist, type Gist } from '../src/sleep/gists.js';
import { episode, fact, scope } from './support/fixtures.js';
import { scriptedModel } from './sleep-scripted-model.js';

const s = scope();
const axis = (i: number, nudge = 0) => {
  const v = new Float32Array(4);
  v[i] = 1;
  v[3] = v[3]! + nudge;
  return normalize(v);
};

function gist(overrides: Partial<Gist> = {}): Gist {
  return { text: 'The user likes green tea.', type: 'preference', confidence: 0.8, subject: 'user', predicate: 'likes_drink', value: 'green tea', key: null, entities: [], source: 'llm', ...overrides };
}

function teaCluster() {
  const inputs: ClusterInput[] = [
    { episode: episode(s, { text: 'Ordered green tea again', type: 'preference', confidence: 0.8 }), vector: axis(0, 0.3), entities: ['tea'] },
    { episode: episode(s, { text: 'User said green tea is the best drink', type: 'preference', confidence: 0.6 }), vector: axis(0, 0.01), entities: ['tea', 'user'] },
    { episode: episode(s, { text: 'Declined coffee, asked for tea', type: 'observation', confidence: 0.4 }), vector: axis(0, 0.2), entities: ['coffee', 'tea'] },
  ];
  return clusterEpisodes(inputs, { minSimilarity: 0.5, minClusterSize: 2, maxClusterSize: 50, maxClusters: 3 }).clusters[0]!;
}

describe('gist extractor', () => {
  it('without a model: the episode nearest the centroid, its entities, half the mean confidence', async () => {
    const cluster = teaCluster();
    const { gist: g, error } = await extractGist(cluster, undefined, 1000);
    assert.equal(error, undefined);
    assert.equal(g.source, 'extractive');
    // The centroid's direction lies between the nudges 0.01, 0.2 and 0.3, nearest to 0.2.
    assert.equal(g.text, 'Declined coffee, asked for tea');
    assert.equal(g.value, g.text);
    assert.ok(g.entities.includes('tea'));
    assert.ok(Math.abs(g.confidence - 0.6 / 2) < 1e-9);
    assert.equal(g.type, 'preference');
  });

  it('with a model: one structured call, confidence scaled by the cluster mean', async () => {
    const model = scriptedModel([{ gist: 'The user prefers green tea over coffee.', type: 'preference', confidence: 0.9, subject: 'user', predicate: 'prefers_drink', value: 'green tea', key: 'user.preference.drink' }]);
    const { gist: g, error } = await extractGist(teaCluster(), model, 5000);
    assert.equal(error, undefined);
    assert.equal(model.doGenerateCalls.length, 1);
    const prompt = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    assert.match(prompt, /Declined coffee, asked for tea/);
    assert.equal(g.source, 'llm');
    assert.equal(g.key, 'user.preference.drink');
    assert.ok(Math.abs(g.confidence - 0.9 * 0.6) < 1e-9);
  });

  it('falls back to the extractive gist when the answer is invalid or the call fails', async () => {
    for (const answer of [{ gist: 'x', type: 'opinion', confidence: 3 }, 'not json', new Error('rate limited')]) {
      const { gist: g, error } = await extractGist(teaCluster(), scriptedModel([answer]), 5000);
      assert.equal(g.source, 'extractive');
      assert.match(error ?? '', /fell back to the extractive gist/);
    }
  });
});

describe('schema aligner', () => {
  const known = [
    { fact: fact(s, { key: 'user.preference.drink', category: 'preference', subject: 'user', predicate: 'prefers_drink', value: 'coffee' }), vector: axis(0) },
    { fact: fact(s, { key: 'user.home', category: 'fact', subject: 'user', predicate: 'lives_in', value: 'Lisbon' }), vector: axis(1) },
  ];

  it('matches by key first', () => {
    const a = alignGist(gist({ key: 'user.preference.drink', predicate: 'other' }), axis(2), known, 0.9);
    assert.equal(a.action === 'update' && a.matchedBy, 'key');
    assert.equal(a.action === 'update' && a.existing.key, 'user.preference.drink');
  });

  it('then matches a preference by subject and predicate', () => {
    const a = alignGist(gist({ predicate: 'Prefers_Drink' }), axis(2), known, 0.9);
    assert.equal(a.action === 'update' && a.matchedBy, 'predicate');
    assert.equal(a.action === 'update' && a.existing.key, 'user.preference.drink');
  });

  it('then matches by text similarity above the threshold', () => {
    const a = alignGist(gist({ type: 'fact', predicate: 'resides_in', value: 'Lisbon, Portugal' }), axis(1, 0.2), known, 0.9);
    assert.equal(a.action === 'update' && a.matchedBy, 'similarity');
    assert.equal(a.action === 'update' && a.existing.key, 'user.home');
  });

  it('otherwise suggests a new key and category', () => {
    const g = gist({ type: 'pattern', subject: 'User', predicate: 'runs on', value: 'mornings' });
    const a = alignGist(g, axis(2), known, 0.9);
    assert.deepEqual(a, { action: 'create', key: 'pattern.user.runs_on', category: 'pattern' });
    assert.equal(suggestKey(gist({ key: 'User.Favourite Food!' })), 'user.favourite_food');
    assert.equal(suggestKey(gist({ type: 'summary', subject: null, predicate: null, value: 'Trip to Kyoto in April with Bob' })), 'summary.general.trip_to_kyoto_in_april_with');
  });
});
