import type { Scope } from '../../model/scope.js';
import type { ScopeRepository, ScopeSummary } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { scopeWhere } from './values.js';

/** Tables that carry a scope, children before parents so deletes respect foreign keys. */
const SCOPED_TABLES = [
  'active_memory_sections',
  'active_memories',
  'shortterm_chunks',
  'shortterm_entities',
  'shortterm_relationships',
  'shortterm_memories',
  'longterm_chunks',
  'longterm_entities',
  'longterm_relationships',
  'episodes',
  'facts',
  'consolidation_runs',
];

export class SqlScopeRepository implements ScopeRepository {
  /** `clearIndex` removes the scope's rows from the adapter's search index. */
  constructor(
    private readonly db: SqlExecutor,
    private readonly clearIndex: (scope: Scope) => Promise<void>,
  ) {}

  async list(tenantId: string): Promise<ScopeSummary[]> {
    const count = (table: string) => `(SELECT CAST(COUNT(*) AS INTEGER) FROM ${table} t WHERE t.tenant_id = s.tenant_id AND t.external_id = s.external_id)`;
    const rows = await this.db.all<{ external_id: string; active: number; episodes: number; facts: number }>(
      `SELECT s.external_id, ${count('active_memories')} AS active, ${count('episodes')} AS episodes,
              (SELECT CAST(COUNT(*) AS INTEGER) FROM facts t WHERE t.tenant_id = s.tenant_id AND t.external_id = s.external_id AND t.valid_to IS NULL) AS facts
       FROM (${this.scopeUnion()}) s WHERE s.tenant_id = ? ORDER BY s.external_id`,
      [tenantId],
    );
    return rows.map((r) => ({ externalId: r.external_id, activeMemories: Number(r.active), episodes: Number(r.episodes), facts: Number(r.facts) }));
  }

  async listAll(): Promise<Scope[]> {
    const rows = await this.db.all<{ tenant_id: string; external_id: string }>(`SELECT tenant_id, external_id FROM (${this.scopeUnion()}) s ORDER BY tenant_id, external_id`);
    return rows.map((r) => ({ tenantId: r.tenant_id, externalId: r.external_id }));
  }

  async deleteAll(scope: Scope): Promise<void> {
    const where = scopeWhere(scope);
    for (const table of SCOPED_TABLES) {
      await this.db.run(`DELETE FROM ${table} WHERE ${where.sql}`, where.params);
    }
    await this.clearIndex(scope);
  }

  private scopeUnion(): string {
    return ['active_memories', 'episodes', 'facts', 'longterm_chunks']
      .map((table) => `SELECT DISTINCT tenant_id, external_id FROM ${table}`)
      .join(' UNION ');
  }
}
