import { dot, normalize } from '../ai/embedder.js';
import type { Episode, EpisodeType } from '../model/episode.js';

/**
 * Agglomerative clustering by cosine similarity with average linkage: repeatedly merge the two
 * most similar clusters while their mean pairwise similarity is at least `minSimilarity`; a merge
 * that would exceed `maxSize` members is not made. Returns groups of input indices. A cached nearest neighbour per cluster keeps it near O(n²):
 * with average linkage a merged cluster is never closer to a third one than the nearer of its
 * two parts was, so only rows whose neighbour took part in a merge need a fresh scan.
 */
export function agglomerate(vectors: Float32Array[], minSimilarity: number, maxSize = Infinity): number[][] {
  const n = vectors.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = dot(vectors[i]!, vectors[j]!);
  }
  const members = vectors.map((_, i) => [i]);
  const alive = new Uint8Array(n).fill(1);
  const nearest = new Int32Array(n).fill(-1);
  const nearestSim = new Float64Array(n).fill(-Infinity);
  const rescan = (i: number) => {
    nearest[i] = -1;
    nearestSim[i] = -Infinity;
    for (let k = 0; k < n; k++) {
      if (k !== i && alive[k] && sim[i * n + k]! > nearestSim[i]!) {
        nearest[i] = k;
        nearestSim[i] = sim[i * n + k]!;
      }
    }
  };
  for (let i = 0; i < n; i++) rescan(i);
  for (;;) {
    let a = -1;
    for (let i = 0; i < n; i++) if (alive[i] && nearest[i]! >= 0 && (a < 0 || nearestSim[i]! > nearestSim[a]!)) a = i;
    if (a < 0 || nearestSim[a]! < minSimilarity) break;
    const b = nearest[a]!;
    const [sizeA, sizeB] = [members[a]!.length, members[b]!.length];
    if (sizeA + sizeB > maxSize) {
      // Never merge this pair (nor, through the average, anything either later becomes).
      sim[a * n + b] = sim[b * n + a] = -Infinity;
      rescan(a);
      rescan(b);
      continue;
    }
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a || k === b) continue;
      sim[a * n + k] = sim[k * n + a] = (sizeA * sim[a * n + k]! + sizeB * sim[b * n + k]!) / (sizeA + sizeB);
    }
    members[a]!.push(...members[b]!);
    members[b] = [];
    alive[b] = 0;
    for (let k = 0; k < n; k++) if (alive[k] && (k === a || nearest[k] === a || nearest[k] === b)) rescan(k);
  }
  return members.filter((group) => group.length > 0);
}

export interface ClusterInput {
  episode: Episode;
  vector: Float32Array;
  entities: string[];
}

export interface EpisodeCluster {
  members: ClusterInput[];
  centroid: Float32Array;
  /** Entities named in more than half of the cluster's episodes. */
  commonEntities: string[];
  dominantType: EpisodeType;
  meanConfidence: number;
}

export interface ClusterOptions {
  /** Average-linkage cosine similarity two clusters need to merge. */
  minSimilarity: number;
  minClusterSize: number;
  /** Clusters stop growing at this many episodes, so one broad topic cannot swallow a whole sample. */
  maxClusterSize: number;
  maxClusters: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { minSimilarity: 0.5, minClusterSize: 2, maxClusterSize: 50, maxClusters: 50 };

export function centroidOf(vectors: Float32Array[]): Float32Array {
  const sum = new Float32Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
  return normalize(sum);
}

function commonEntitiesOf(members: ClusterInput[]): string[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const member of members) {
    for (const name of new Set(member.entities.map((e) => e.toLowerCase()))) {
      const known = counts.get(name);
      if (known) known.count++;
      else counts.set(name, { name: member.entities.find((e) => e.toLowerCase() === name)!, count: 1 });
    }
  }
  return [...counts.values()].filter((e) => e.count > members.length / 2).sort((a, b) => b.count - a.count).map((e) => e.name);
}

function dominantTypeOf(members: ClusterInput[]): EpisodeType {
  const counts = new Map<EpisodeType, number>();
  for (const { episode } of members) counts.set(episode.type, (counts.get(episode.type) ?? 0) + 1);
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

function describeCluster(members: ClusterInput[]): EpisodeCluster {
  return {
    members,
    centroid: centroidOf(members.map((m) => m.vector)),
    commonEntities: commonEntitiesOf(members),
    dominantType: dominantTypeOf(members),
    meanConfidence: members.reduce((sum, m) => sum + m.episode.confidence, 0) / members.length,
  };
}

/**
 * Clusters episodes; keeps the `maxClusters` largest clusters of at least `minClusterSize`
 * (their members wait for a later cycle otherwise), and moves each episode of a too-small cluster
 * into the kept cluster whose centroid is nearest.
 */
export function clusterEpisodes(inputs: ClusterInput[], options: ClusterOptions): { clusters: EpisodeCluster[]; deferred: ClusterInput[] } {
  const groups = agglomerate(inputs.map((i) => i.vector), options.minSimilarity, options.maxClusterSize)
    .map((group) => group.map((index) => inputs[index]!))
    .sort((a, b) => b.length - a.length);
  const large = groups.filter((g) => g.length >= options.minClusterSize);
  const kept = large.slice(0, options.maxClusters);
  const deferred = large.slice(options.maxClusters).flat();
  const small = groups.filter((g) => g.length < options.minClusterSize).flat();
  if (kept.length === 0) return { clusters: [], deferred: [...deferred, ...small] };
  const centroids = kept.map((g) => centroidOf(g.map((m) => m.vector)));
  for (const member of small) {
    let best = 0;
    centroids.forEach((c, i) => {
      if (dot(member.vector, c) > dot(member.vector, centroids[best]!)) best = i;
    });
    kept[best]!.push(member);
  }
  return { clusters: kept.map(describeCluster), deferred };
}
