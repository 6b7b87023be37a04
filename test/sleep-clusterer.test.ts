import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../src/ai/embedder.js';
import { agglomerate, clusterEpisodes, type ClusterInput } from '../src/sleep/clusterer.js';
import { episode, scope } from './support/fixtures.js';

const DIM = 8;

/** A unit vector near `axis`, nudged along `nudgeAxis` so members of a group differ. */
function near(axis: number, nudge: number, nudgeAxis = 7): Float32Array {
  const v = new Float32Array(DIM);
  v[axis] = 1;
  v[nudgeAxis] = v[nudgeAxis]! + nudge;
  return normalize(v);
}

const sorted = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

function input(vector: Float32Array, overrides: Parameters<typeof episode>[1] = {}, entities: string[] = []): ClusterInput {
  return { episode: episode(scope(), overrides), vector, entities };
}

describe('agglomerative clusterer', () => {
  it('recovers three known groups from interleaved vectors', () => {
    const vectors = [near(0, 0.1), near(1, 0.1), near(2, 0.2), near(0, 0.3), near(1, 0.25), near(2, 0.05), near(0, 0.2)];
    assert.deepEqual(sorted(agglomerate(vectors, 0.7)), [[0, 3, 6], [1, 4], [2, 5]]);
  });

  it('merges nothing above a threshold no pair reaches, and everything below any', () => {
    const vectors = [near(0, 0), near(1, 0), near(2, 0)];
    assert.deepEqual(sorted(agglomerate(vectors, 0.5)), [[0], [1], [2]]);
    assert.deepEqual(sorted(agglomerate(vectors, -1)), [[0, 1, 2]]);
  });

  it('stops a cluster growing at the maximum size', () => {
    const vectors = [near(0, 0.1), near(0, 0.11), near(0, 0.12), near(0, 0.13), near(0, 0.14)];
    assert.deepEqual(agglomerate(vectors, 0.5).map((g) => g.length), [5]);
    assert.deepEqual(agglomerate(vectors, 0.5, 2).map((g) => g.length).sort(), [1, 2, 2]);
  });

  it('uses the average linkage, not the single or complete one', () => {
    // a–b are close, c is close to b only; the a,b cluster's average similarity to c decides.
    const a = normalize(Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0]));
    const b = normalize(Float32Array.from([1, 1, 0, 0, 0, 0, 0, 0]));
    const c = normalize(Float32Array.from([0, 1, 0, 0, 0, 0, 0, 0]));
    const ab = Math.SQRT1_2; // cos(a,b) = cos(b,c)
    const average = (0 + ab) / 2; // mean of cos(a,c) = 0 and cos(b,c)
    assert.deepEqual(sorted(agglomerate([a, b, c], average + 0.01)), [[0, 1], [2]].sort((x, y) => x[0]! - y[0]!));
    assert.deepEqual(sorted(agglomerate([a, b, c], average - 0.01)), [[0, 1, 2]]);
  });

  it('describes clusters: centroid, common entities, dominant type, mean confidence', () => {
    const inputs = [
      input(near(0, 0.1), { type: 'preference', confidence: 0.9 }, ['Alice', 'Kyoto']),
      input(near(0, 0.2), { type: 'preference', confidence: 0.6 }, ['alice', 'Tokyo']),
      input(near(0, 0.3), { type: 'observation', confidence: 0.3 }, ['Alice', 'Kyoto']),
    ];
    const { clusters, deferred } = clusterEpisodes(inputs, { minSimilarity: 0.7, minClusterSize: 2, maxClusterSize: 50, maxClusters: 5 });
    assert.equal(clusters.length, 1);
    assert.deepEqual(deferred, []);
    const cluster = clusters[0]!;
    assert.deepEqual(cluster.commonEntities, ['Alice', 'Kyoto']);
    assert.equal(cluster.dominantType, 'preference');
    assert.ok(Math.abs(cluster.meanConfidence - 0.6) < 1e-9);
    assert.ok(cluster.centroid[0]! > 0.9);
    assert.ok(Math.abs(Math.hypot(...cluster.centroid) - 1) < 1e-5);
  });

  it('moves episodes of too-small clusters into the nearest kept cluster', () => {
    const inputs = [input(near(0, 0.1)), input(near(0, 0.2)), input(near(1, 0.1)), input(near(1, 0.2)), input(near(0, 0.1, 3)), input(near(2, 0.1, 1))];
    const { clusters } = clusterEpisodes(inputs, { minSimilarity: 0.9, minClusterSize: 2, maxClusterSize: 50, maxClusters: 5 });
    const idsOf = (axisMembers: number[]) => new Set(axisMembers.map((i) => inputs[i]!.episode.id));
    const found = clusters.map((c) => new Set(c.members.map((m) => m.episode.id)));
    assert.equal(clusters.length, 2);
    // The outlier near axis 0 (index 4) joins axis 0's cluster; the one between 2 and 1 joins axis 1's.
    assert.ok(found.some((set) => [...idsOf([0, 1, 4])].every((id) => set.has(id)) && set.size === 3));
    assert.ok(found.some((set) => [...idsOf([2, 3, 5])].every((id) => set.has(id)) && set.size === 3));
  });

  it('keeps the largest clusters up to the maximum and defers the rest', () => {
    const inputs = [input(near(0, 0.1)), input(near(0, 0.2)), input(near(0, 0.3)), input(near(1, 0.1)), input(near(1, 0.2))];
    const { clusters, deferred } = clusterEpisodes(inputs, { minSimilarity: 0.9, minClusterSize: 2, maxClusterSize: 50, maxClusters: 1 });
    assert.deepEqual(clusters.map((c) => c.members.length), [3]);
    assert.deepEqual(new Set(deferred.map((d) => d.episode.id)), new Set([inputs[3]!.episode.id, inputs[4]!.episode.id]));
  });

  it('defers everything when no cluster is large enough', () => {
    const inputs = [input(near(0, 0)), input(near(1, 0))];
    const { clusters, deferred } = clusterEpisodes(inputs, { minSimilarity: 0.9, minClusterSize: 2, maxClusterSize: 50, maxClusters: 5 });
    assert.equal(clusters.length, 0);
    assert.equal(deferred.length, 2);
  });
});
