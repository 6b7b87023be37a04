import type { Selectable } from 'kysely';
import type { Scope } from '../../model/scope.js';
import type { SleepCycleOptions, SleepTriggers } from '../../model/schemas/sleep.js';
import type { SleepTriggerRepository, StoredSleepTriggers } from '../port.js';
import { owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import type { SleepTriggersTable } from './tables.js';

export class SqlSleepTriggerRepository implements SleepTriggerRepository {
  constructor(private readonly sql: SqlContext) {}

  async get(scope: Scope): Promise<StoredSleepTriggers | undefined> {
    const row = await this.sql.db.selectFrom('sleep_triggers').selectAll().where('scope_id', '=', scopeIdOf(scope)).executeTakeFirst();
    return row && this.storedOf(scope, row);
  }

  async put(scope: Scope, triggers: SleepTriggers, cycle: SleepCycleOptions, at: string): Promise<StoredSleepTriggers> {
    const { db, dialect } = this.sql;
    await registerScope(db, scope, at);
    await db
      .insertInto('sleep_triggers')
      .values({ scope_id: scopeIdOf(scope), triggers: dialect.json(triggers), cycle: dialect.json(cycle), registered_at: at, updated_at: at })
      .onConflict((oc) => oc.column('scope_id').doUpdateSet({ triggers: dialect.json(triggers), cycle: dialect.json(cycle), updated_at: at }))
      .execute();
    return (await this.get(scope))!;
  }

  async delete(scope: Scope): Promise<boolean> {
    const result = await this.sql.db.deleteFrom('sleep_triggers').where('scope_id', '=', scopeIdOf(scope)).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listScopes(page: { tenantId?: string; afterScopeId?: string; limit: number }) {
    let query = this.sql.db
      .selectFrom('scopes as s')
      .leftJoin('sleep_triggers as t', 't.scope_id', 's.scope_id')
      .select(['s.scope_id', 's.tenant_id', 's.external_id', 's.created_at', 't.triggers', 't.cycle', 't.registered_at', 't.updated_at']);
    if (page.tenantId !== undefined) query = query.where('s.tenant_id', '=', page.tenantId);
    if (page.afterScopeId !== undefined) query = query.where('s.scope_id', '>', page.afterScopeId);
    const rows = await query.orderBy('s.scope_id').limit(page.limit).execute();
    return rows.map((r) => {
      const scope = { tenantId: r.tenant_id, externalId: r.external_id };
      const stored =
        r.registered_at === null || r.updated_at === null
          ? undefined
          : this.storedOf(scope, { scope_id: r.scope_id, triggers: r.triggers, cycle: r.cycle, registered_at: r.registered_at, updated_at: r.updated_at });
      return { scopeId: r.scope_id, scope, createdAt: r.created_at, ...(stored ? { stored } : {}) };
    });
  }

  private storedOf(scope: Scope, row: Selectable<SleepTriggersTable>): StoredSleepTriggers {
    const { dialect } = this.sql;
    return {
      scope: owner(scope),
      triggers: dialect.readJson<SleepTriggers>(row.triggers),
      cycle: dialect.readJson<SleepCycleOptions>(row.cycle),
      registeredAt: row.registered_at,
      updatedAt: row.updated_at,
    };
  }
}
