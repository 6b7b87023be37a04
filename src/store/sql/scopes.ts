import { sql } from 'kysely';
import type { Scope } from '../../model/scope.js';
import type { ScopeRepository, ScopeSummary } from '../port.js';
import { scopeIdOf, type SqlContext } from './rows.js';
import { SCOPED_TABLES, type Database } from './tables.js';

/** Children before parents, so no delete waits on a foreign key; the search index is the adapter's. */
const DELETE_ORDER = SCOPED_TABLES.filter((t) => t !== 'search_entries' && t !== 'scopes');

type CountedTable = keyof Pick<Database, 'active_memories' | 'episodes' | 'facts'>;

export class SqlScopeRepository implements ScopeRepository {
  /** `clearIndex` removes the scope's rows from the adapter's search index. */
  constructor(
    private readonly sql: SqlContext,
    private readonly clearIndex: (scope: Scope) => Promise<void>,
  ) {}

  async list(tenantId: string): Promise<ScopeSummary[]> {
    const scopes = await this.sql.db.selectFrom('scopes').select(['scope_id', 'external_id']).where('tenant_id', '=', tenantId).orderBy('external_id').execute();
    if (scopes.length === 0) return [];
    const [activeMemories, episodes, facts] = await Promise.all([this.countsOf('active_memories', tenantId), this.countsOf('episodes', tenantId), this.countsOf('facts', tenantId)]);
    return scopes.map((s) => ({
      externalId: s.external_id,
      activeMemories: activeMemories.get(s.scope_id) ?? 0,
      episodes: episodes.get(s.scope_id) ?? 0,
      facts: facts.get(s.scope_id) ?? 0,
    }));
  }

  async listAll(): Promise<Scope[]> {
    const rows = await this.sql.db.selectFrom('scopes').select(['tenant_id', 'external_id']).orderBy('tenant_id').orderBy('external_id').execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, externalId: r.external_id }));
  }

  async deleteAll(scope: Scope): Promise<void> {
    const scopeId = scopeIdOf(scope);
    for (const table of DELETE_ORDER) await this.sql.db.deleteFrom(table).where('scope_id', '=', scopeId).execute();
    await this.clearIndex(scope);
    await this.sql.db.deleteFrom('scopes').where('scope_id', '=', scopeId).execute();
  }

  /** Rows per scope of one table, for a tenant's scopes (grouped by the distribution column). */
  private async countsOf(table: CountedTable, tenantId: string): Promise<Map<string, number>> {
    let query = this.sql.db
      .selectFrom(`${table} as t` as 'episodes as t')
      .innerJoin('scopes as s', 's.scope_id', 't.scope_id')
      .select(['t.scope_id', sql<number>`COUNT(*)`.as('count')])
      .where('s.tenant_id', '=', tenantId)
      .groupBy('t.scope_id');
    if (table === 'facts') query = query.where(sql.ref('t.valid_to'), 'is', null);
    const rows = await query.execute();
    return new Map(rows.map((r) => [r.scope_id, Number(r.count)]));
  }
}
