import type { ConsolidationRun } from '../../model/run.js';
import type { Json, Scope } from '../../model/scope.js';
import type { RunFilter, RunRepository } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { insertRow, updateScopedRow } from './graph-rows.js';
import { fromJson, scopeWhere, toJson } from './values.js';

interface RunRow {
  id: string;
  tenant_id: string;
  external_id: string;
  kind: ConsolidationRun['kind'];
  memory_id: string | null;
  trigger_source: string;
  status: ConsolidationRun['status'];
  counts: string;
  report: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

function runFromRow(row: RunRow): ConsolidationRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    kind: row.kind,
    memoryId: row.memory_id,
    trigger: row.trigger_source,
    status: row.status,
    counts: fromJson<Record<string, number>>(row.counts, {}),
    report: fromJson<Json>(row.report, {}),
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export class SqlRunRepository implements RunRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(run: ConsolidationRun): Promise<void> {
    await insertRow(this.db, 'consolidation_runs', {
      id: run.id,
      tenant_id: run.tenantId,
      external_id: run.externalId,
      kind: run.kind,
      memory_id: run.memoryId,
      trigger_source: run.trigger,
      status: run.status,
      counts: toJson(run.counts),
      report: toJson(run.report),
      error: run.error,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
    });
  }

  async update(
    scope: Scope,
    id: string,
    patch: Partial<Pick<ConsolidationRun, 'status' | 'counts' | 'report' | 'error' | 'finishedAt'>>,
  ): Promise<void> {
    await updateScopedRow(this.db, 'consolidation_runs', scope, id, {
      status: patch.status,
      counts: patch.counts && toJson(patch.counts),
      report: patch.report && toJson(patch.report),
      error: patch.error,
      finished_at: patch.finishedAt,
    });
  }

  async get(scope: Scope, id: string): Promise<ConsolidationRun | undefined> {
    const where = scopeWhere(scope);
    const row = await this.db.get<RunRow>(`SELECT * FROM consolidation_runs WHERE ${where.sql} AND id = ?`, [...where.params, id]);
    return row && runFromRow(row);
  }

  async list(scope: Scope, filter: RunFilter = {}): Promise<ConsolidationRun[]> {
    const where = scopeWhere(scope);
    const clauses = [where.sql];
    const params: unknown[] = [...where.params];
    if (filter.kind) {
      clauses.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.memoryId) {
      clauses.push('memory_id = ?');
      params.push(filter.memoryId);
    }
    const rows = await this.db.all<RunRow>(
      `SELECT * FROM consolidation_runs WHERE ${clauses.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT ?`,
      [...params, filter.limit ?? 100],
    );
    return rows.map(runFromRow);
  }
}
