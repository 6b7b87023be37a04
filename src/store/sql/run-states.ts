import type { ConsolidationRun, RunKind, RunStatus } from '../../model/run.js';
import type { Scope } from '../../model/scope.js';
import type { RunningRun, RunPatch, RunStateRepository } from '../port.js';
import { scopeIdOf, type SqlContext } from './rows.js';
import { runColumnsOf, runOfRow } from './runs.js';

export class SqlRunStateRepository implements RunStateRepository {
  constructor(private readonly sql: SqlContext) {}

  async listRunning(limit: number): Promise<RunningRun[]> {
    const rows = await this.sql.db
      .selectFrom('runs as r')
      .innerJoin('scopes as s', 's.scope_id', 'r.scope_id')
      .select(['s.tenant_id', 's.external_id', 'r.id', 'r.kind', 'r.memory_id', 'r.started_at'])
      .where('r.status', '=', 'running')
      .orderBy('r.started_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ scope: { tenantId: r.tenant_id, externalId: r.external_id }, id: r.id, kind: r.kind as RunKind, memoryId: r.memory_id, startedAt: r.started_at }));
  }

  async finish(scope: Scope, id: string, patch: RunPatch, finishedAt: string): Promise<boolean> {
    const result = await this.sql.db
      .updateTable('runs')
      .set(runColumnsOf(this.sql.dialect, { ...patch, finishedAt }))
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async abandon(scope: Scope, match: { kinds: readonly RunKind[]; memoryId: string | null }, error: string, at: string): Promise<string[]> {
    let query = this.sql.db
      .selectFrom('runs')
      .select('id')
      .where('scope_id', '=', scopeIdOf(scope))
      .where('status', '=', 'running')
      .where('kind', 'in', [...match.kinds]);
    query = match.memoryId === null ? query.where('memory_id', 'is', null) : query.where('memory_id', '=', match.memoryId);
    const ids = (await query.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await this.sql.db
      .updateTable('runs')
      .set({ status: 'abandoned', error, finished_at: at })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', 'in', ids)
      .where('status', '=', 'running')
      .execute();
    return ids;
  }

  async latest(scope: Scope, kind: RunKind, statuses: readonly RunStatus[]): Promise<ConsolidationRun | undefined> {
    const row = await this.sql.db
      .selectFrom('runs')
      .selectAll()
      .where('scope_id', '=', scopeIdOf(scope))
      .where('kind', '=', kind)
      .where('status', 'in', [...statuses])
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && runOfRow(this.sql.dialect, scope, row);
  }

  async recent(tenantId: string, limit: number): Promise<ConsolidationRun[]> {
    const rows = await this.sql.db
      .selectFrom('runs as r')
      .innerJoin('scopes as s', 's.scope_id', 'r.scope_id')
      .selectAll('r')
      .select(['s.tenant_id', 's.external_id'])
      .where('s.tenant_id', '=', tenantId)
      .orderBy('r.started_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => runOfRow(this.sql.dialect, { tenantId: row.tenant_id, externalId: row.external_id }, row));
  }
}
