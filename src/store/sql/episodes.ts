import type { Episode, EpisodeStatus } from '../../model/episode.js';
import type { Json, Scope } from '../../model/scope.js';
import { ValidationError } from '../../errors.js';
import type { EpisodeFilter, EpisodeRepository, Page } from '../port.js';
import type { SqlExecutor } from './executor.js';
import { insertRow } from './graph-rows.js';
import { fromJson, jsonElementPattern, placeholders, scopeWhere, toJson } from './values.js';

interface EpisodeRow {
  id: string;
  tenant_id: string;
  external_id: string;
  type: Episode['type'];
  text: string;
  importance: number;
  confidence: number;
  emotional_valence: number;
  tags: string;
  metadata: string;
  occurred_at: string;
  created_at: string;
  access_count: number;
  last_accessed_at: string | null;
  status: EpisodeStatus;
  consolidated_at: string | null;
}

function episodeFromRow(row: EpisodeRow): Episode {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    externalId: row.external_id,
    type: row.type,
    text: row.text,
    importance: Number(row.importance),
    confidence: Number(row.confidence),
    emotionalValence: Number(row.emotional_valence),
    tags: fromJson<string[]>(row.tags, []),
    metadata: fromJson<Json>(row.metadata, {}),
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    accessCount: Number(row.access_count),
    lastAccessedAt: row.last_accessed_at,
    status: row.status,
    consolidatedAt: row.consolidated_at,
  };
}

function encodeCursor(episode: Episode): string {
  return Buffer.from(JSON.stringify([episode.occurredAt, episode.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('cursor: not a cursor returned by listEpisodes', [{ field: 'cursor', reason: 'not a cursor returned by listEpisodes' }]);
}

function filterClauses(filter: EpisodeFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values?: readonly string[]) => {
    if (!values?.length) return;
    sql.push(`${column} IN ${placeholders(values.length)}`);
    params.push(...values);
  };
  inList('type', filter.types);
  inList('status', filter.statuses ?? ['active', 'consolidated', 'compressed']);
  if (filter.tags?.length) {
    sql.push(`(${filter.tags.map(() => `tags LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...filter.tags.map(jsonElementPattern));
  }
  const compare = (clause: string, value: unknown) => {
    if (value === undefined) return;
    sql.push(clause);
    params.push(value);
  };
  compare('occurred_at >= ?', filter.occurredFrom);
  compare('occurred_at <= ?', filter.occurredTo);
  compare('importance >= ?', filter.minImportance);
  compare('confidence >= ?', filter.minConfidence);
  if (filter.textContains) {
    sql.push(`LOWER(text) LIKE ? ESCAPE '\\'`);
    params.push(`%${filter.textContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { sql, params };
}

export class SqlEpisodeRepository implements EpisodeRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insertMany(episodes: Episode[]): Promise<void> {
    for (const e of episodes) {
      await insertRow(this.db, 'episodes', {
        id: e.id,
        tenant_id: e.tenantId,
        external_id: e.externalId,
        type: e.type,
        text: e.text,
        importance: e.importance,
        confidence: e.confidence,
        emotional_valence: e.emotionalValence,
        tags: toJson(e.tags),
        metadata: toJson(e.metadata),
        occurred_at: e.occurredAt,
        created_at: e.createdAt,
        access_count: e.accessCount,
        last_accessed_at: e.lastAccessedAt,
        status: e.status,
        consolidated_at: e.consolidatedAt,
        size_bytes: Buffer.byteLength(e.text),
      });
    }
  }

  async get(scope: Scope, id: string): Promise<Episode | undefined> {
    return (await this.getMany(scope, [id]))[0];
  }

  async getMany(scope: Scope, ids: string[]): Promise<Episode[]> {
    if (ids.length === 0) return [];
    const where = scopeWhere(scope);
    const rows = await this.db.all<EpisodeRow>(`SELECT * FROM episodes WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`, [...where.params, ...ids]);
    return rows.map(episodeFromRow);
  }

  async list(scope: Scope, filter: EpisodeFilter, page: { limit: number; cursor?: string }): Promise<Page<Episode>> {
    const where = scopeWhere(scope);
    const filters = filterClauses(filter);
    const clauses = [where.sql, ...filters.sql];
    const params: unknown[] = [...where.params, ...filters.params];
    if (page.cursor) {
      const [occurredAt, id] = decodeCursor(page.cursor);
      clauses.push('(occurred_at < ? OR (occurred_at = ? AND id < ?))');
      params.push(occurredAt, occurredAt, id);
    }
    const rows = await this.db.all<EpisodeRow>(
      `SELECT * FROM episodes WHERE ${clauses.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map(episodeFromRow);
    return rows.length > page.limit ? { items, nextCursor: encodeCursor(items[items.length - 1]!) } : { items };
  }

  async delete(scope: Scope, id: string): Promise<boolean> {
    const where = scopeWhere(scope);
    return (await this.db.run(`DELETE FROM episodes WHERE ${where.sql} AND id = ?`, [...where.params, id])) > 0;
  }

  async recordAccess(scope: Scope, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    const where = scopeWhere(scope);
    await this.db.run(
      `UPDATE episodes SET access_count = access_count + 1, last_accessed_at = ? WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`,
      [at, ...where.params, ...ids],
    );
  }

  async setStatus(scope: Scope, ids: string[], status: EpisodeStatus, at: string): Promise<void> {
    if (ids.length === 0) return;
    const where = scopeWhere(scope);
    const consolidatedAt = status === 'consolidated' || status === 'compressed' ? at : null;
    await this.db.run(
      `UPDATE episodes SET status = ?, consolidated_at = ? WHERE ${where.sql} AND id IN ${placeholders(ids.length)}`,
      [status, consolidatedAt, ...where.params, ...ids],
    );
  }

  async statsSince(scope: Scope, since?: string): Promise<{ count: number; bytes: number }> {
    const where = scopeWhere(scope);
    const after = since ? { sql: ' AND created_at > ?', params: [since] } : { sql: '', params: [] };
    const row = await this.db.get<{ count: number | string; bytes: number | string | null }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS count, CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) AS bytes FROM episodes WHERE ${where.sql}${after.sql}`,
      [...where.params, ...after.params],
    );
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
  }
}
