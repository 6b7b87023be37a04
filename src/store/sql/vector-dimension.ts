import { ConflictError } from '../../errors.js';
import type { MetaRepository } from '../port.js';

export const VECTOR_DIMENSION_KEY = 'vector_dimension';

/** The dimension of the vectors a store's search index holds, kept in `store_meta`; both adapters use it. */
export class VectorDimension {
  constructor(private readonly meta: MetaRepository) {}

  async get(): Promise<number | undefined> {
    const value = await this.meta.get(VECTOR_DIMENSION_KEY);
    return value === undefined ? undefined : Number(value);
  }

  /**
   * Whether no dimension is recorded yet, so the caller must make its vector storage and then
   * `record` it; a different recorded dimension throws ConflictError.
   */
  async isUnset(dimension: number): Promise<boolean> {
    const current = await this.get();
    if (current === undefined) return true;
    if (current !== dimension) {
      throw new ConflictError(`the store holds ${current}-dimensional vectors, not ${dimension}; run \`agent-mem reembed\``, { stored: current, requested: dimension });
    }
    return false;
  }

  record(dimension: number): Promise<void> {
    return this.meta.set(VECTOR_DIMENSION_KEY, String(dimension));
  }

  clear(): Promise<void> {
    return this.meta.delete(VECTOR_DIMENSION_KEY);
  }
}
