import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { embedMany } from 'ai';
import { normalize, type Embedder } from './embedder.js';

/** Dimensions of well-known hosted models, so opening a store needs no probe call. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface AiSdkEmbedderOptions {
  /** The vector length; when absent and the model is not a known one, one probe call finds it. */
  dimensions?: number;
  /** Concurrent requests per `embed` call (default 2). */
  maxParallelCalls?: number;
}

/** Wraps any AI SDK embedding model (OpenAI, OpenAI-compatible such as Ollama or vLLM, a mock). */
export class AiSdkEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;

  constructor(
    private readonly model: EmbeddingModelV3,
    readonly dimensions: number,
    private readonly maxParallelCalls = 2,
  ) {
    this.id = `${model.provider}:${model.modelId}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { embeddings } = await embedMany({ model: this.model, values: texts, maxParallelCalls: this.maxParallelCalls });
    return embeddings.map((e) => {
      if (e.length !== this.dimensions) {
        throw new Error(`embedder ${this.id} returned a ${e.length}-dimensional vector, expected ${this.dimensions}`);
      }
      return normalize(e);
    });
  }
}

/** An Embedder over an AI SDK embedding model; finds the dimension by one probe call when it must. */
export async function createAiSdkEmbedder(model: EmbeddingModelV3, options: AiSdkEmbedderOptions = {}): Promise<AiSdkEmbedder> {
  const dimensions = options.dimensions ?? KNOWN_DIMENSIONS[model.modelId] ?? (await probeDimensions(model));
  return new AiSdkEmbedder(model, dimensions, options.maxParallelCalls);
}

async function probeDimensions(model: EmbeddingModelV3): Promise<number> {
  const { embeddings } = await embedMany({ model, values: ['dimension probe'] });
  const length = embeddings[0]?.length;
  if (!length) throw new Error(`embedding model ${model.provider}:${model.modelId} returned no vector for a probe`);
  return length;
}

export function isEmbeddingModel(value: unknown): value is EmbeddingModelV3 {
  return typeof value === 'object' && value !== null && 'doEmbed' in value && 'modelId' in value;
}
