import { ConflictError } from '../../errors.js';
import type { SqlExecutor } from './executor.js';

const KEY = 'vector_dimension';

/** The dimension of the vectors a store's search index holds, kept in `store_meta`; both adapters use it. */
export class VectorDimension {
  constructor(private readonly db: SqlExecutor) {}

  async get(): Promise<number | undefined> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM store_meta WHERE key = ?', [KEY]);
    return row ? Number(row.value) : undefined;
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

  async record(dimension: number): Promise<void> {
    await this.db.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [KEY, String(dimension)]);
  }

  async clear(): Promise<void> {
    await this.db.run('DELETE FROM store_meta WHERE key = ?', [KEY]);
  }
}
