/** The HNSW index over the vectors (cosine distance), once their dimension is known. */
export function hnswIndexSql(dimension: number, options: { concurrently?: boolean } = {}): string {
  const how = options.concurrently ? 'CONCURRENTLY ' : '';
  return `CREATE INDEX ${how}IF NOT EXISTS search_entries_hnsw ON search_entries USING hnsw ((embedding::vector(${dimension})) vector_cosine_ops)`;
}

/** A vector as a query parameter: pgvector's text form, or an array for REAL[]. */
export function vectorParam(vector: Float32Array, column: 'vector' | 'real[]'): string | number[] {
  return column === 'vector' ? `[${Array.from(vector).join(',')}]` : Array.from(vector);
}

/** A stored vector as read back: pgvector's text form or a REAL[] array. */
export function vectorOf(value: unknown): Float32Array {
  return Float32Array.from(typeof value === 'string' ? (JSON.parse(value) as number[]) : (value as number[]));
}
