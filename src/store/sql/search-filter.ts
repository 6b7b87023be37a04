import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { tiersMatching, type Tier } from '../../model/tiers.js';
import type { SearchFilter } from '../port.js';
import type { SqlDialect } from './dialect.js';
import { episodeConditions } from './episode-filter.js';
import type { Database, SearchEntriesTable } from './tables.js';

/** A query over the search index, its rows as `i`. */
export type SearchEntryBuilder = ExpressionBuilder<Database & { i: SearchEntriesTable }, 'i'>;

const hasMetadata = (filter: SearchFilter) => filter.metadata !== undefined && Object.keys(filter.metadata).length > 0;

/**
 * Whether a tier's entries must pass a condition. Long-term chunks always have a validity and
 * episodes a status; facts are indexed by their current version, valid now.
 */
export function needsCondition(tier: Tier, filter: SearchFilter): boolean {
  if (tier === 'longterm' || tier === 'episode') return true;
  if (tier === 'fact') return Boolean(filter.asOf || filter.types?.length || hasMetadata(filter));
  return Boolean(filter.asOf || hasMetadata(filter));
}

/**
 * What an index entry of `tier` must satisfy for the filter, as a condition on its item's row; undefined
 * when every entry of the tier qualifies. Applied inside the candidate queries, never after the cut.
 */
export function tierCondition(eb: SearchEntryBuilder, dialect: SqlDialect, tier: Tier, filter: SearchFilter): Expression<SqlBool> | undefined {
  if (!needsCondition(tier, filter)) return undefined;
  const { asOf } = filter;
  const instant = asOf ?? filter.now;
  const metadata = (column: string) => (hasMetadata(filter) ? [dialect.jsonContains(column, filter.metadata!)] : []);
  switch (tier) {
    case 'active':
      return eb.exists(
        eb
          .selectFrom('active_memory_sections as s')
          .innerJoin('active_memories as m', (join) => join.onRef('m.scope_id', '=', 's.scope_id').onRef('m.id', '=', 's.memory_id'))
          .select(sql.lit(1).as('one'))
          .whereRef('s.scope_id', '=', 'i.scope_id')
          .where(sql<SqlBool>`s.memory_id || '/' || s.section_id = i.item_id`)
          .where((sub) => sub.and([...(asOf ? [sub('s.updated_at', '<=', asOf)] : []), ...metadata('m.metadata')])),
      );
    case 'shortterm':
      return eb.exists(
        eb
          .selectFrom('shortterm_chunks as c')
          .select(sql.lit(1).as('one'))
          .whereRef('c.scope_id', '=', 'i.scope_id')
          .whereRef('c.id', '=', 'i.item_id')
          .where((sub) => sub.and([...(asOf ? [sub('c.updated_at', '<=', asOf)] : []), ...metadata('c.metadata')])),
      );
    case 'longterm':
      return eb.exists(
        eb
          .selectFrom('longterm_chunks as l')
          .select(sql.lit(1).as('one'))
          .whereRef('l.scope_id', '=', 'i.scope_id')
          .whereRef('l.id', '=', 'i.item_id')
          .where('l.start_date', '<=', instant)
          .where((sub) => sub.or([sub('l.end_date', 'is', null), sub('l.end_date', '>', instant)]))
          .where((sub) => sub.and(metadata('l.metadata'))),
      );
    case 'episode':
      return eb.exists(
        eb
          .selectFrom('episodes as e')
          .select(sql.lit(1).as('one'))
          .whereRef('e.scope_id', '=', 'i.scope_id')
          .whereRef('e.id', '=', 'i.item_id')
          .where((sub) =>
            sub.and(
              episodeConditions(sub, dialect, {
                ...(filter.types && { types: filter.types }),
                ...(filter.tags && { tags: filter.tags }),
                ...(asOf && { occurredTo: asOf }),
                ...(filter.metadata && { metadata: filter.metadata }),
                ...(filter.sessionId !== undefined && { sessionId: filter.sessionId }),
              }),
            ),
          ),
      );
    case 'fact':
      // The index holds each key's current version; the key matches when a version valid then does.
      return eb.exists(
        eb
          .selectFrom('facts as cur')
          .innerJoin('facts as v', (join) => join.onRef('v.scope_id', '=', 'cur.scope_id').onRef('v.key', '=', 'cur.key'))
          .select(sql.lit(1).as('one'))
          .whereRef('cur.scope_id', '=', 'i.scope_id')
          .whereRef('cur.id', '=', 'i.item_id')
          .where('v.valid_from', '<=', instant)
          .where((sub) => sub.or([sub('v.valid_to', 'is', null), sub('v.valid_to', '>', instant)]))
          .where((sub) => sub.and([...(filter.types?.length ? [sub('v.category', 'in', [...filter.types])] : []), ...metadata('v.metadata')])),
      );
  }
}

/** Entries of the scope in the given tiers that satisfy the filter. */
export function searchConditions(eb: SearchEntryBuilder, dialect: SqlDialect, scopeId: string, tiers: readonly Tier[], filter: SearchFilter): Expression<SqlBool> {
  return eb.and([
    eb('i.scope_id', '=', scopeId),
    eb.or(
      tiersMatching(tiers, filter).map((tier) => {
        const condition = tierCondition(eb, dialect, tier, filter);
        return condition ? eb.and([eb('i.tier', '=', tier), condition]) : eb('i.tier', '=', tier);
      }),
    ),
  ]);
}
