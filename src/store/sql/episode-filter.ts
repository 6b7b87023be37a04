import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { EpisodeStatus } from '../../model/episode.js';
import type { EpisodeFilter } from '../port.js';
import type { SqlDialect } from './dialect.js';
import type { EpisodesTable } from './tables.js';

/** Every status but `deleted`: what listings and searches see unless asked otherwise. */
export const VISIBLE_STATUSES: EpisodeStatus[] = ['active', 'consolidated', 'compressed'];

/** A query that has an episodes row as `e`. */
export type EpisodeBuilder = ExpressionBuilder<{ e: EpisodesTable }, 'e'>;

/** An episode filter as conditions on `e`, for listings and for the search index alike. */
export function episodeConditions(builder: unknown, dialect: SqlDialect, filter: EpisodeFilter): Array<Expression<SqlBool>> {
  const eb = builder as EpisodeBuilder;
  const conditions: Array<Expression<SqlBool>> = [eb('e.status', 'in', filter.statuses?.length ? filter.statuses : VISIBLE_STATUSES)];
  if (filter.types?.length) conditions.push(eb('e.type', 'in', filter.types));
  if (filter.tags?.length) conditions.push(dialect.listOverlaps('e.tags', filter.tags));
  if (filter.occurredFrom) conditions.push(eb('e.occurred_at', '>=', filter.occurredFrom));
  if (filter.occurredTo) conditions.push(eb('e.occurred_at', '<=', filter.occurredTo));
  if (filter.minImportance !== undefined) conditions.push(eb('e.importance', '>=', filter.minImportance));
  if (filter.minConfidence !== undefined) conditions.push(eb('e.confidence', '>=', filter.minConfidence));
  if (filter.textContains) {
    const pattern = `%${filter.textContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql<SqlBool>`LOWER(e.text) LIKE ${pattern} ESCAPE '\\'`);
  }
  if (filter.metadata && Object.keys(filter.metadata).length) conditions.push(dialect.jsonContains('e.metadata', filter.metadata));
  if (filter.sessionId !== undefined) conditions.push(eb('e.session_id', '=', filter.sessionId));
  return conditions;
}
