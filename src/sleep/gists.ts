import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { dot } from '../ai/embedder.js';
import { generateStructured } from '../ai/extraction/structured-output.js';
import type { EpisodeCluster } from './clusterer.js';

export const GIST_TYPES = ['fact', 'preference', 'pattern', 'summary'] as const;
export type GistType = (typeof GIST_TYPES)[number];

/** What the model returns for one cluster; every field present so strict structured output accepts it. */
export const gistSchema = z.object({
  gist: z.string().trim().min(1).describe('one sentence stating what the episodes establish'),
  type: z.enum(GIST_TYPES),
  confidence: z.number().min(0).max(1),
  subject: z.string().trim().min(1).nullable().describe('who or what the gist is about'),
  predicate: z.string().trim().min(1).nullable().describe('snake_case relation, e.g. prefers, lives_in, works_at'),
  value: z.string().trim().min(1).describe('the value of the fact, short'),
  key: z.string().trim().min(1).nullable().describe('a dotted key such as user.preference.food, or null'),
});

export interface Gist {
  text: string;
  type: GistType;
  confidence: number;
  subject: string | null;
  predicate: string | null;
  value: string;
  key: string | null;
  entities: string[];
  source: 'llm' | 'extractive';
}

const SYSTEM = [
  'You consolidate an agent\'s episodic memories into one durable semantic memory.',
  'Read the episodes of one cluster and state the single most useful thing they establish:',
  'a fact, a preference, a recurring pattern, or a summary. Give subject, predicate and value when the gist is a relation,',
  'a dotted lower-case key when an obvious one exists, and your confidence from 0 to 1.',
].join(' ');

function promptFor(cluster: EpisodeCluster): string {
  const lines = cluster.members.map(({ episode }) => `- [${episode.type}, ${episode.occurredAt.slice(0, 10)}, confidence ${episode.confidence}] ${episode.text}`);
  const entities = cluster.commonEntities.length ? `\nEntities common to these episodes: ${cluster.commonEntities.join(', ')}.` : '';
  return `Episodes:\n${lines.join('\n')}${entities}`;
}

/** The episode nearest the centroid, with its entities, at half the cluster's confidence. */
export function extractiveGist(cluster: EpisodeCluster): Gist {
  const central = cluster.members.reduce((best, m) => (dot(m.vector, cluster.centroid) > dot(best.vector, cluster.centroid) ? m : best));
  const entities = [...new Set([...cluster.commonEntities, ...central.entities])];
  return {
    text: central.episode.text,
    type: cluster.dominantType === 'preference' ? 'preference' : 'summary',
    confidence: cluster.meanConfidence / 2,
    subject: entities[0] ?? null,
    predicate: null,
    value: central.episode.text,
    key: null,
    entities,
    source: 'extractive',
  };
}

/**
 * One structured-output call for the cluster, its confidence scaled by the cluster's mean
 * confidence. Without a model, or when the call fails, the extractive gist and the reason.
 */
export async function extractGist(cluster: EpisodeCluster, llm: LanguageModel | undefined, timeoutMs: number): Promise<{ gist: Gist; error?: string }> {
  if (!llm) return { gist: extractiveGist(cluster) };
  try {
    const answer = await generateStructured({ model: llm, schema: gistSchema, name: 'gist', system: SYSTEM, prompt: promptFor(cluster), timeoutMs });
    return {
      gist: {
        text: answer.gist,
        type: answer.type,
        confidence: answer.confidence * cluster.meanConfidence,
        subject: answer.subject,
        predicate: answer.predicate,
        value: answer.value,
        key: answer.key,
        entities: cluster.commonEntities,
        source: 'llm',
      },
    };
  } catch (error) {
    return { gist: extractiveGist(cluster), error: `gist extraction fell back to the extractive gist: ${error instanceof Error ? error.message : String(error)}` };
  }
}
