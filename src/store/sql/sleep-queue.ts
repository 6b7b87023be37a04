import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { SleepTask, TriggerKind } from '../../model/background.js';
import type { Scope } from '../../model/scope.js';
import type { SleepQueueRepository } from '../port.js';
import { owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import type { SleepRequestsTable } from './tables.js';

type Row = Selectable<SleepRequestsTable>;

function taskOf(scope: Scope, row: Row): SleepTask {
  return { id: row.id, scope: owner(scope), kind: row.kind as TriggerKind, trigger: row.trigger_source, priority: Number(row.priority), enqueuedAt: row.requested_at };
}

export class SqlSleepQueueRepository implements SleepQueueRepository {
  constructor(private readonly sql: SqlContext) {}

  async enqueue(scope: Scope, request: { kind: TriggerKind; trigger: string; priority: number }, at: string): Promise<SleepTask> {
    const { db } = this.sql;
    await registerScope(db, scope, at);
    await db
      .insertInto('sleep_requests')
      .values({ scope_id: scopeIdOf(scope), id: randomUUID(), kind: request.kind, trigger_source: request.trigger, priority: request.priority, requested_at: at, run_id: null })
      .onConflict((oc) =>
        oc
          .column('scope_id')
          .where('run_id', 'is', null)
          .doUpdateSet({ kind: sql`excluded.kind`, trigger_source: sql`excluded.trigger_source`, priority: sql`excluded.priority` })
          .where(sql<boolean>`excluded.priority > sleep_requests.priority`),
      )
      .execute();
    const queued = await this.rows(scope).where('run_id', 'is', null).executeTakeFirstOrThrow();
    return taskOf(scope, queued);
  }

  async listQueued(filter: { tenantId?: string; limit: number }): Promise<SleepTask[]> {
    let query = this.sql.db
      .selectFrom('sleep_requests as r')
      .innerJoin('scopes as s', 's.scope_id', 'r.scope_id')
      .selectAll('r')
      .select(['s.tenant_id', 's.external_id'])
      .where('r.run_id', 'is', null);
    if (filter.tenantId !== undefined) query = query.where('s.tenant_id', '=', filter.tenantId);
    const rows = await query.orderBy('r.priority', 'desc').orderBy('r.requested_at').orderBy('r.id').limit(filter.limit).execute();
    return rows.map((row) => taskOf({ tenantId: row.tenant_id, externalId: row.external_id }, row));
  }

  async claim(scope: Scope, runId: string): Promise<SleepTask | undefined> {
    await this.sql.db.updateTable('sleep_requests').set({ run_id: runId }).where('scope_id', '=', scopeIdOf(scope)).where('run_id', 'is', null).execute();
    const row = await this.rows(scope).where('run_id', '=', runId).executeTakeFirst();
    return row && taskOf(scope, row);
  }

  async release(scope: Scope, runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const claimed = await this.rows(scope).where('run_id', 'in', [...runIds]).execute();
    if (claimed.length === 0) return;
    const queued = await this.rows(scope).where('run_id', 'is', null).executeTakeFirst();
    const strongest = [...claimed, ...(queued ? [queued] : [])].reduce((a, b) => (b.priority > a.priority ? b : a));
    const earliest = [...claimed, ...(queued ? [queued] : [])].map((r) => r.requested_at).sort()[0]!;
    await this.sql.db.deleteFrom('sleep_requests').where('scope_id', '=', scopeIdOf(scope)).where('run_id', 'in', [...runIds]).execute();
    const row = { kind: strongest.kind, trigger_source: strongest.trigger_source, priority: strongest.priority, requested_at: earliest };
    if (queued) await this.sql.db.updateTable('sleep_requests').set(row).where('scope_id', '=', scopeIdOf(scope)).where('id', '=', queued.id).execute();
    else await this.sql.db.insertInto('sleep_requests').values({ ...row, scope_id: scopeIdOf(scope), id: strongest.id, run_id: null }).execute();
  }

  async complete(scope: Scope, runId: string): Promise<void> {
    await this.sql.db.deleteFrom('sleep_requests').where('scope_id', '=', scopeIdOf(scope)).where('run_id', '=', runId).execute();
  }

  async count(tenantId?: string): Promise<{ queued: number; claimed: number }> {
    let query = this.sql.db
      .selectFrom('sleep_requests as r')
      .select([sql<number>`COUNT(*) - COUNT(r.run_id)`.as('queued'), sql<number>`COUNT(r.run_id)`.as('claimed')]);
    if (tenantId !== undefined) query = query.innerJoin('scopes as s', 's.scope_id', 'r.scope_id').where('s.tenant_id', '=', tenantId);
    const row = await query.executeTakeFirst();
    return { queued: Number(row?.queued ?? 0), claimed: Number(row?.claimed ?? 0) };
  }

  private rows(scope: Scope) {
    return this.sql.db.selectFrom('sleep_requests').selectAll().where('scope_id', '=', scopeIdOf(scope));
  }
}
