/** The HNSW index over the vectors (cosine distance), once their dimension is known. */
export function hnswIndexSql(dimension: number, options: { concurrently?: boolean } = {}): string {
  const how = options.concurrently ? 'CONCURRENTLY ' : '';
  return `CREATE INDEX ${how}IF NOT EXISTS search_entries_hnsw ON search_entries USING hnsw ((embedding::vector(${dimension})) vector_cosine_ops)`;
}

/** PostgreSQL's type id of `real` (float4), the element type of a REAL[]. */
const FLOAT4_OID = 700;

/**
 * A vector as a query parameter in PostgreSQL's binary wire format, which node-pg sends for a
 * Buffer: no float is printed as text and parsed back (printing them was a fifth of an insert's
 * CPU). pgvector's `vector` is its dimension, a reserved zero and big-endian float4s; a REAL[] is
 * a one-dimensional array header (no nulls, element type, length, lower bound 1) and each float4
 * with its length.
 */
export function vectorParam(vector: Float32Array, column: 'vector' | 'real[]'): Buffer {
  const pgvector = column === 'vector';
  const buffer = Buffer.allocUnsafe(pgvector ? 4 + 4 * vector.length : 20 + 8 * vector.length);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (pgvector) {
    view.setUint16(0, vector.length);
    view.setUint16(2, 0);
    for (let i = 0; i < vector.length; i++) view.setFloat32(4 + 4 * i, vector[i]!);
    return buffer;
  }
  [1, 0, FLOAT4_OID, vector.length, 1].forEach((field, i) => view.setInt32(4 * i, field));
  for (let i = 0; i < vector.length; i++) {
    view.setInt32(20 + 8 * i, 4);
    view.setFloat32(24 + 8 * i, vector[i]!);
  }
  return buffer;
}

/** A stored vector as read back: pgvector's text form or a REAL[] array. */
export function vectorOf(value: unknown): Float32Array {
  return Float32Array.from(typeof value === 'string' ? (JSON.parse(value) as number[]) : (value as number[]));
}
