import type { MetaRepository } from '../port.js';
import type { SqlExecutor } from './executor.js';

export class SqlMetaRepository implements MetaRepository {
  constructor(private readonly db: SqlExecutor) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>('SELECT value FROM store_meta WHERE key = ?', [key]))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}
