import type { Embedder } from '../ai/embedder.js';

const DEFAULT_CAPACITY = 5_000;

/**
 * The embedder with a memory of recent texts, so promotion does not embed again the chunk text
 * consolidation embedded moments before (embedding dominates both). Oldest entries go first.
 */
export class CachingEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  private readonly vectors = new Map<string, Float32Array>();

  constructor(
    private readonly inner: Embedder,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get dimensions(): number {
    return this.inner.dimensions;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const found = new Map<string, Float32Array>();
    for (const text of texts) {
      const vector = this.vectors.get(text);
      if (vector) found.set(text, vector);
    }
    const missing = [...new Set(texts.filter((t) => !found.has(t)))];
    const fresh = await this.inner.embed(missing);
    missing.forEach((text, i) => {
      found.set(text, fresh[i]!);
      this.vectors.set(text, fresh[i]!);
    });
    for (const oldest of this.vectors.keys()) {
      if (this.vectors.size <= this.capacity) break;
      this.vectors.delete(oldest);
    }
    return texts.map((t) => found.get(t)!);
  }
}
