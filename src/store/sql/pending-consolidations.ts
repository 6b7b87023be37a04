import { sql } from 'kysely';
import type { PendingConsolidation } from '../../model/background.js';
import type { Scope } from '../../model/scope.js';
import type { PendingConsolidationRepository } from '../port.js';
import { scopeIdOf, type SqlContext } from './rows.js';

export class SqlPendingConsolidationRepository implements PendingConsolidationRepository {
  constructor(private readonly sql: SqlContext) {}

  async request(scope: Scope, memoryId: string, at: string): Promise<void> {
    await this.sql.db
      .insertInto('pending_consolidations')
      .values({ scope_id: scopeIdOf(scope), memory_id: memoryId, requests: 1, requested_at: at })
      .onConflict((oc) => oc.columns(['scope_id', 'memory_id']).doUpdateSet({ requests: sql`pending_consolidations.requests + 1` }))
      .execute();
  }

  async get(scope: Scope, memoryId: string): Promise<PendingConsolidation | undefined> {
    const row = await this.sql.db
      .selectFrom('pending_consolidations')
      .select(['memory_id', 'requests', 'requested_at'])
      .where('scope_id', '=', scopeIdOf(scope))
      .where('memory_id', '=', memoryId)
      .executeTakeFirst();
    return row && { scope, memoryId: row.memory_id, requests: Number(row.requests), requestedAt: row.requested_at };
  }

  async list(filter: { tenantId?: string; limit: number }): Promise<PendingConsolidation[]> {
    let query = this.sql.db
      .selectFrom('pending_consolidations as p')
      .innerJoin('scopes as s', 's.scope_id', 'p.scope_id')
      .select(['s.tenant_id', 's.external_id', 'p.memory_id', 'p.requests', 'p.requested_at']);
    if (filter.tenantId !== undefined) query = query.where('s.tenant_id', '=', filter.tenantId);
    const rows = await query.orderBy('p.requested_at').limit(filter.limit).execute();
    return rows.map((r) => ({ scope: { tenantId: r.tenant_id, externalId: r.external_id }, memoryId: r.memory_id, requests: Number(r.requests), requestedAt: r.requested_at }));
  }

  async complete(scope: Scope, memoryId: string, requests: number): Promise<void> {
    await this.sql.db
      .deleteFrom('pending_consolidations')
      .where('scope_id', '=', scopeIdOf(scope))
      .where('memory_id', '=', memoryId)
      .where('requests', '=', requests)
      .execute();
  }

  async count(tenantId?: string): Promise<number> {
    let query = this.sql.db.selectFrom('pending_consolidations as p').select(sql<number>`COUNT(*)`.as('count'));
    if (tenantId !== undefined) query = query.innerJoin('scopes as s', 's.scope_id', 'p.scope_id').where('s.tenant_id', '=', tenantId);
    return Number((await query.executeTakeFirst())?.count ?? 0);
  }
}
