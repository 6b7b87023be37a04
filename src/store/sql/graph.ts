import type { Selectable } from 'kysely';
import type { Json, Scope } from '../../model/scope.js';
import type { Entity, Relationship } from '../../model/tiers.js';
import type { EntityPatch, GraphRepository, GraphRows, GraphTier, RelationshipPatch } from '../port.js';
import { insertRows, owner, scopeIdOf, type SqlContext } from './rows.js';
import type { GraphEntitiesTable, GraphRelationshipsTable } from './tables.js';

type EntityOf<T extends GraphTier> = GraphRows[T]['entity'];
type RelationshipOf<T extends GraphTier> = GraphRows[T]['relationship'];

/**
 * Entities and relationships of one tier, in the two graph tables both tiers share. Short-term
 * rows carry their short-term memory; long-term relationships their validity.
 */
export class SqlGraphRepository<T extends GraphTier> implements GraphRepository<T> {
  constructor(
    private readonly sql: SqlContext,
    private readonly tier: T,
  ) {}

  async listEntities(scope: Scope, filter: { shorttermId?: string } = {}): Promise<Array<EntityOf<T>>> {
    let query = this.sql.db.selectFrom('graph_entities').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('tier', '=', this.tier);
    if (filter.shorttermId) query = query.where('shortterm_id', '=', filter.shorttermId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => this.entityOf(scope, row));
  }

  async insertEntities(entities: Array<EntityOf<T>>): Promise<void> {
    await insertRows(
      this.sql.db,
      'graph_entities',
      entities.map((entity) => ({
        ...this.rowBase(entity),
        name: entity.name,
        types: this.sql.dialect.list(entity.types),
        description: entity.description,
        confidence: entity.confidence,
      })),
    );
  }

  async updateEntity(scope: Scope, id: string, patch: EntityPatch, at: string): Promise<void> {
    const { dialect } = this.sql;
    await this.sql.db
      .updateTable('graph_entities')
      .set({
        name: patch.name,
        types: patch.types && dialect.list(patch.types),
        description: patch.description,
        confidence: patch.confidence,
        metadata: patch.metadata && dialect.json(patch.metadata),
        updated_at: at,
      })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('tier', '=', this.tier)
      .where('id', '=', id)
      .execute();
  }

  async listRelationships(scope: Scope, filter: { shorttermId?: string } = {}): Promise<Array<RelationshipOf<T>>> {
    let query = this.sql.db.selectFrom('graph_relationships').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('tier', '=', this.tier);
    if (filter.shorttermId) query = query.where('shortterm_id', '=', filter.shorttermId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => this.relationshipOf(scope, row));
  }

  async insertRelationships(relationships: Array<RelationshipOf<T>>): Promise<void> {
    await insertRows(
      this.sql.db,
      'graph_relationships',
      relationships.map((r) => ({
        ...this.rowBase(r),
        source_name: r.sourceName,
        target_name: r.targetName,
        type: r.type,
        description: r.description,
        confidence: r.confidence,
        strength: r.strength,
        start_date: 'startDate' in r ? r.startDate : null,
        end_date: 'endDate' in r ? r.endDate : null,
      })),
    );
  }

  async updateRelationship(scope: Scope, id: string, patch: RelationshipPatch, at: string): Promise<void> {
    await this.sql.db
      .updateTable('graph_relationships')
      .set({
        type: patch.type,
        description: patch.description,
        confidence: patch.confidence,
        strength: patch.strength,
        metadata: patch.metadata && this.sql.dialect.json(patch.metadata),
        end_date: patch.endDate,
        updated_at: at,
      })
      .where('scope_id', '=', scopeIdOf(scope))
      .where('tier', '=', this.tier)
      .where('id', '=', id)
      .execute();
  }

  private rowBase(row: Entity | Relationship) {
    return {
      scope_id: scopeIdOf(row),
      id: row.id,
      tier: this.tier,
      shortterm_id: 'shorttermId' in row ? (row.shorttermId as string) : null,
      metadata: this.sql.dialect.json(row.metadata),
      created_at: row.createdAt,
      updated_at: row.updatedAt,
    };
  }

  private entityOf(scope: Scope, row: Selectable<GraphEntitiesTable>): EntityOf<T> {
    const entity: Entity = {
      id: row.id,
      ...owner(scope),
      name: row.name,
      types: this.sql.dialect.readList(row.types),
      description: row.description,
      confidence: Number(row.confidence),
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return (this.tier === 'shortterm' ? { ...entity, shorttermId: row.shortterm_id! } : entity) as EntityOf<T>;
  }

  private relationshipOf(scope: Scope, row: Selectable<GraphRelationshipsTable>): RelationshipOf<T> {
    const relationship: Relationship = {
      id: row.id,
      ...owner(scope),
      sourceName: row.source_name,
      targetName: row.target_name,
      type: row.type,
      description: row.description,
      confidence: Number(row.confidence),
      strength: Number(row.strength),
      metadata: this.sql.dialect.readJson<Json>(row.metadata),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    const tierFields = this.tier === 'shortterm' ? { shorttermId: row.shortterm_id! } : { startDate: row.start_date!, endDate: row.end_date };
    return { ...relationship, ...tierFields } as RelationshipOf<T>;
  }
}
