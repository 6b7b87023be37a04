import type { MetaRepository } from '../port.js';
import type { SqlContext } from './rows.js';

export class SqlMetaRepository implements MetaRepository {
  constructor(private readonly sql: SqlContext) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.sql.db.selectFrom('store_meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.sql.db
      .insertInto('store_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.sql.db.deleteFrom('store_meta').where('key', '=', key).execute();
  }
}
