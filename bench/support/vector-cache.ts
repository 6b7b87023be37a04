import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../src/ai/embedder.js';

/** Where embeddings of the benchmark corpus are kept between runs (not committed). */
export const CACHE_DIR = path.join(import.meta.dirname, '..', '.cache');

const keyOf = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * The embedder's vectors of `texts`, from `bench/.cache` where known, embedding (and adding) the
 * rest: load benchmarks measure the store, not the model.
 */
export async function cachedVectors(embedder: Embedder, texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Map<string, Float32Array>> {
  const file = path.join(CACHE_DIR, `${embedder.id.replace(/[^a-z0-9-]/gi, '_')}.bin`);
  const record = 20 + embedder.dimensions * 4;
  const known = new Map<string, Float32Array>();
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    for (let at = 0; at + record <= bytes.length; at += record) {
      known.set(bytes.subarray(at, at + 20).toString('hex'), new Float32Array(bytes.buffer.slice(bytes.byteOffset + at + 20, bytes.byteOffset + at + record)));
    }
  }
  const missing = [...new Set(texts.filter((t) => !known.has(keyOf(t))))];
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  for (let start = 0; start < missing.length; start += 500) {
    const batch = missing.slice(start, start + 500);
    const vectors = await embedder.embed(batch);
    const chunk = Buffer.alloc(batch.length * record);
    batch.forEach((text, i) => {
      Buffer.from(keyOf(text), 'hex').copy(chunk, i * record);
      Buffer.from(vectors[i]!.buffer, vectors[i]!.byteOffset, vectors[i]!.byteLength).copy(chunk, i * record + 20);
      known.set(keyOf(text), vectors[i]!);
    });
    fs.appendFileSync(file, chunk);
    onProgress?.(start + batch.length, missing.length);
  }
  return new Map(texts.map((t) => [t, known.get(keyOf(t))!]));
}

/** An embedder answering from precomputed vectors, under the local embedder's id; unknown text is an error. */
export class CachedEmbedder implements Embedder {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  readonly dimensions: number;

  constructor(
    private readonly vectors: ReadonlyMap<string, Float32Array>,
    source: Pick<Embedder, 'id' | 'dimensions'>,
  ) {
    this.id = source.id;
    this.dimensions = source.dimensions;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const vector = this.vectors.get(text);
      if (!vector) throw new Error(`no cached vector for "${text.slice(0, 60)}"`);
      return vector;
    });
  }
}
