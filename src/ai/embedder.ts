/**
 * Turns text into unit-length vectors. Like an AI SDK provider: one small versioned interface,
 * one module per implementation.
 */
export interface Embedder {
  readonly specificationVersion: 'v1';
  /** Names the model, e.g. `local:use-en-512` or `openai:text-embedding-3-small`; the store records it. */
  readonly id: string;
  readonly dimensions: number;
  /** One vector per text, in input order, each of length `dimensions` and unit norm. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export function normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}
