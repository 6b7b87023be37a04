import { normalize, type Embedder } from '../../src/ai/embedder.js';

/**
 * A cheap deterministic embedder (hashed bag of words) for process tests whose subject is the
 * store, not the model: texts sharing words are close, and embedding never stalls the event loop.
 */
export class WordEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'test:words-64';
  readonly dimensions = 64;

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const vector = new Array<number>(this.dimensions).fill(0.01);
      for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
        vector[[...word].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % this.dimensions, 7)]! += 1;
      }
      return normalize(vector);
    });
  }
}
