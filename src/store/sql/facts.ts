import type { Fact } from '../../model/fact.js';
import type { Json, Scope } from '../../model/scope.js';
import type { FactListFilter, FactRepository } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { insertRow } from './graph-rows.js';
import { fromJson, placeholders, scopeWhere, toJson } from './values.js';

interface FactRow {
  id: string;
  tenant_id: string;
  external_id: string;
  key: string;
  category: string;
  subject: string | null;
  predicate: string | null;
  value: string;
  confidence: number;
  evidence_ids: string;
  metadata: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

function factFromRow(row: FactRow): Fact {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    key: row.key,
    category: row.category,
    subject: row.subject,
    predicate: row.predicate,
    value: row.value,
    confidence: Number(row.confidence),
    evidenceIds: fromJson<string[]>(row.evidence_ids, []),
    metadata: fromJson<Json>(row.metadata, {}),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    createdAt: row.created_at,
  };
}

export class SqlFactRepository implements FactRepository {
  constructor(private readonly db: SqlExecutor) {}

  async getCurrent(scope: Scope, key: string): Promise<Fact | undefined> {
    const where = scopeWhere(scope);
    const row = await this.db.get<FactRow>(`SELECT * FROM facts WHERE ${where.sql} AND key = ? AND valid_to IS NULL`, [...where.params, key]);
    return row && factFromRow(row);
  }

  async getMany(scope: Scope, ids: string[]): Promise<Fact[]> {
    if (ids.length === 0) return [];
    const where = scopeWhere(scope);
    const rows = await this.db.all<FactRow>(`SELECT * FROM facts WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`, [...where.params, ...ids]);
    return rows.map(factFromRow);
  }

  async insert(fact: Fact): Promise<void> {
    await insertRow(this.db, 'facts', {
      id: fact.id,
      tenant_id: fact.tenantId,
      external_id: fact.externalId,
      key: fact.key,
      category: fact.category,
      subject: fact.subject,
      predicate: fact.predicate,
      value: fact.value,
      confidence: fact.confidence,
      evidence_ids: toJson(fact.evidenceIds),
      metadata: toJson(fact.metadata),
      valid_from: fact.validFrom,
      valid_to: fact.validTo,
      created_at: fact.createdAt,
    });
  }

  async closeCurrent(scope: Scope, key: string, validTo: string): Promise<boolean> {
    const where = scopeWhere(scope);
    return (await this.db.run(`UPDATE facts SET valid_to = ? WHERE ${where.sql} AND key = ? AND valid_to IS NULL`, [validTo, ...where.params, key])) > 0;
  }

  async list(scope: Scope, filter: FactListFilter = {}): Promise<Fact[]> {
    const where = scopeWhere(scope);
    const clauses = [where.sql];
    const params: unknown[] = [...where.params];
    if (!filter.includeHistory) clauses.push('valid_to IS NULL');
    if (filter.category) {
      clauses.push('category = ?');
      params.push(filter.category);
    }
    if (filter.subject) {
      clauses.push('subject = ?');
      params.push(filter.subject);
    }
    if (filter.keyPrefix) {
      clauses.push('SUBSTR(key, 1, ?) = ?');
      params.push(filter.keyPrefix.length, filter.keyPrefix);
    }
    const rows = await this.db.all<FactRow>(`SELECT * FROM facts WHERE ${clauses.join(' AND ')} ORDER BY key, valid_from`, params);
    return rows.map(factFromRow);
  }

  async history(scope: Scope, key: string): Promise<Fact[]> {
    const where = scopeWhere(scope);
    const rows = await this.db.all<FactRow>(`SELECT * FROM facts WHERE ${where.sql} AND key = ? ORDER BY valid_from, created_at`, [...where.params, key]);
    return rows.map(factFromRow);
  }

  async deleteKey(scope: Scope, key: string): Promise<string[]> {
    const where = scopeWhere(scope);
    const rows = await this.db.all<{ id: string }>(`SELECT id FROM facts WHERE ${where.sql} AND key = ?`, [...where.params, key]);
    await this.db.run(`DELETE FROM facts WHERE ${where.sql} AND key = ?`, [...where.params, key]);
    return rows.map((r) => r.id);
  }
}
