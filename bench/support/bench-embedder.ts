import { LocalEmbedder } from '../../src/ai/local-embedder.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { CachedEmbedder, cachedVectors } from './vector-cache.js';

/** The benchmark corpus and an embedder answering from the cache of its real (local) embeddings. */
export async function benchEmbedder(): Promise<{ embedder: CachedEmbedder; corpus: Corpus }> {
  const corpus = loadCorpus();
  const model = new LocalEmbedder();
  const vectors = await cachedVectors(model, [...corpus.texts, ...corpus.questions], (done, total) => process.stderr.write(`embedding the corpus once: ${done}/${total}\n`));
  return { embedder: new CachedEmbedder(vectors, model), corpus };
}
