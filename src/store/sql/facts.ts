import type { Selectable } from 'kysely';
import type { Fact } from '../../model/fact.js';
import type { Json, Scope } from '../../model/scope.js';
import type { FactListFilter, FactRepository } from '../port.js';
import { owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import type { FactsTable } from './tables.js';

export class SqlFactRepository implements FactRepository {
  constructor(private readonly sql: SqlContext) {}

  async getCurrent(scope: Scope, key: string): Promise<Fact | undefined> {
    const row = await this.scoped(scope).where('key', '=', key).where('valid_to', 'is', null).executeTakeFirst();
    return row && this.factOf(scope, row);
  }

  async getMany(scope: Scope, ids: string[]): Promise<Fact[]> {
    if (ids.length === 0) return [];
    const rows = await this.scoped(scope).where('id', 'in', ids).execute();
    return rows.map((row) => this.factOf(scope, row));
  }

  async insert(fact: Fact): Promise<void> {
    const { db, dialect } = this.sql;
    await registerScope(db, fact, fact.createdAt);
    await db
      .insertInto('facts')
      .values({
        scope_id: scopeIdOf(fact),
        id: fact.id,
        key: fact.key,
        category: fact.category,
        subject: fact.subject,
        predicate: fact.predicate,
        value: fact.value,
        confidence: fact.confidence,
        evidence_ids: dialect.list(fact.evidenceIds),
        metadata: dialect.json(fact.metadata),
        valid_from: fact.validFrom,
        valid_to: fact.validTo,
        created_at: fact.createdAt,
      })
      .execute();
  }

  async closeCurrent(scope: Scope, key: string, validTo: string): Promise<boolean> {
    const result = await this.sql.db
      .updateTable('facts')
      .set({ valid_to: validTo })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('key', '=', key)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async list(scope: Scope, filter: FactListFilter = {}): Promise<Fact[]> {
    let query = this.scoped(scope);
    if (!filter.includeHistory) query = query.where('valid_to', 'is', null);
    if (filter.category) query = query.where('category', '=', filter.category);
    if (filter.subject) query = query.where('subject', '=', filter.subject);
    if (filter.keyPrefix) query = query.where((eb) => eb(eb.fn('substr', ['key', eb.lit(1), eb.val(filter.keyPrefix!.length)]), '=', filter.keyPrefix!));
    const rows = await query.orderBy('key').orderBy('valid_from').execute();
    return rows.map((row) => this.factOf(scope, row));
  }

  async history(scope: Scope, key: string): Promise<Fact[]> {
    const rows = await this.scoped(scope).where('key', '=', key).orderBy('valid_from').orderBy('created_at').execute();
    return rows.map((row) => this.factOf(scope, row));
  }

  async deleteKey(scope: Scope, key: string): Promise<string[]> {
    const rows = await this.sql.db.deleteFrom('facts').where('scope_id', '=', scopeIdOf(scope)).where('key', '=', key).returning('id').execute();
    return rows.map((r) => r.id);
  }

  private scoped(scope: Scope) {
    return this.sql.db.selectFrom('facts').selectAll().where('scope_id', '=', scopeIdOf(scope));
  }

  private factOf(scope: Scope, row: Selectable<FactsTable>): Fact {
    const { dialect } = this.sql;
    return {
      id: row.id,
      ...owner(scope),
      key: row.key,
      category: row.category,
      subject: row.subject,
      predicate: row.predicate,
      value: row.value,
      confidence: Number(row.confidence),
      evidenceIds: dialect.readList(row.evidence_ids),
      metadata: dialect.readJson<Json>(row.metadata),
      validFrom: row.valid_from,
      validTo: row.valid_to,
      createdAt: row.created_at,
    };
  }
}
