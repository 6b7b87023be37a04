import type { Selectable } from 'kysely';
import type { ConsolidationRun } from '../../model/run.js';
import type { Json, Scope } from '../../model/scope.js';
import type { RunFilter, RunRepository } from '../port.js';
import type { SqlDialect } from './dialect.js';
import { owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import type { RunsTable } from './tables.js';

export class SqlRunRepository implements RunRepository {
  constructor(private readonly sql: SqlContext) {}

  async insert(run: ConsolidationRun): Promise<void> {
    const { dialect } = this.sql;
    await registerScope(this.sql.db, run, run.startedAt);
    await this.sql.db
      .insertInto('runs')
      .values({
        scope_id: scopeIdOf(run),
        id: run.id,
        kind: run.kind,
        memory_id: run.memoryId,
        trigger_source: run.trigger,
        status: run.status,
        counts: dialect.json(run.counts),
        report: dialect.json(run.report),
        error: run.error,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
      })
      .execute();
  }

  async update(scope: Scope, id: string, patch: RunUpdate): Promise<void> {
    await this.sql.db
      .updateTable('runs')
      .set(runColumnsOf(this.sql.dialect, patch))
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', '=', id)
      .execute();
  }

  async get(scope: Scope, id: string): Promise<ConsolidationRun | undefined> {
    const row = await this.sql.db.selectFrom('runs').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('id', '=', id).executeTakeFirst();
    return row && runOfRow(this.sql.dialect, scope, row);
  }

  async list(scope: Scope, filter: RunFilter = {}): Promise<ConsolidationRun[]> {
    let query = this.sql.db.selectFrom('runs').selectAll().where('scope_id', '=', scopeIdOf(scope));
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.memoryId) query = query.where('memory_id', '=', filter.memoryId);
    const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 100).execute();
    return rows.map((row) => runOfRow(this.sql.dialect, scope, row));
  }
}

type RunUpdate = Partial<Pick<ConsolidationRun, 'status' | 'counts' | 'report' | 'error' | 'finishedAt'>>;

/** The columns a run's patch sets (a field left out is left as it is). */
export function runColumnsOf(dialect: SqlDialect, patch: RunUpdate) {
  return {
    status: patch.status,
    counts: patch.counts && dialect.json(patch.counts),
    report: patch.report && dialect.json(patch.report),
    error: patch.error,
    finished_at: patch.finishedAt,
  };
}

/** A run as the engines see it, from its row. */
export function runOfRow(dialect: SqlDialect, scope: Scope, row: Selectable<RunsTable>): ConsolidationRun {
  return {
    id: row.id,
    ...owner(scope),
    kind: row.kind as ConsolidationRun['kind'],
    memoryId: row.memory_id,
    trigger: row.trigger_source,
    status: row.status as ConsolidationRun['status'],
    counts: dialect.readJson<Record<string, number>>(row.counts),
    report: dialect.readJson<Json>(row.report),
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
