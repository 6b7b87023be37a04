import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { ConfigError } from '../errors.js';
import { createAiSdkEmbedder, isEmbeddingModel } from './ai-sdk-embedder.js';
import type { Embedder } from './embedder.js';
import { LocalEmbedder } from './local-embedder.js';
import { embeddingModelFor } from './model-registry.js';

/**
 * Builds the embedder named by `AGENT_MEM_EMBEDDINGS` / `config.embeddings`: `local` (bundled,
 * offline), `openai:<model>` (OPENAI_API_KEY) or `openai-compatible:<baseURL>#<model>`
 * (AGENT_MEM_EMBEDDINGS_API_KEY when the server wants one). `AGENT_MEM_EMBEDDINGS_DIMENSIONS`
 * gives the vector length of a model whose length is not known, instead of one probe call;
 * `AGENT_MEM_EMBEDDING_WORKERS` the worker threads of the local model.
 */
export async function createEmbedder(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<Embedder> {
  if (spec === 'local') {
    const workers = parseCount(env.AGENT_MEM_EMBEDDING_WORKERS, 'AGENT_MEM_EMBEDDING_WORKERS', 0);
    return new LocalEmbedder(workers === undefined ? {} : { workers });
  }
  const model = embeddingModelFor(spec, env);
  return createAiSdkEmbedder(model, { dimensions: parseCount(env.AGENT_MEM_EMBEDDINGS_DIMENSIONS, 'AGENT_MEM_EMBEDDINGS_DIMENSIONS', 1) });
}

function parseCount(raw: string | undefined, variable: string, min: 0 | 1): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${variable} must be ${min === 0 ? 'a whole number (0 or more)' : 'a positive integer'}, got "${raw}"`, { variable });
  }
  return value;
}

/** The embedder an AgentMem uses: the caller's Embedder or AI SDK model, else the configured one. */
export async function resolveEmbedder(given: Embedder | EmbeddingModelV3 | undefined, spec: string): Promise<Embedder> {
  if (given === undefined) return createEmbedder(spec);
  return isEmbeddingModel(given) ? createAiSdkEmbedder(given) : given;
}
