import { sql, type Selectable } from 'kysely';
import { ValidationError } from '../../errors.js';
import type { Episode, EpisodeStatus } from '../../model/episode.js';
import type { Json, Scope } from '../../model/scope.js';
import type { EpisodeFilter, EpisodeRepository, Page } from '../port.js';
import { insertRows, owner, registerScope, scopeIdOf, type SqlContext } from './rows.js';
import { episodeConditions } from './episode-filter.js';
import type { EpisodesTable } from './tables.js';

function encodeCursor(episode: Episode): string {
  return Buffer.from(JSON.stringify([episode.occurredAt, episode.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') && !Number.isNaN(Date.parse(value[0] as string))) {
      return value as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('cursor: not a cursor returned by listEpisodes', [{ field: 'cursor', reason: 'not a cursor returned by listEpisodes' }]);
}

export class SqlEpisodeRepository implements EpisodeRepository {
  constructor(private readonly sql: SqlContext) {}

  async insertMany(episodes: Episode[]): Promise<void> {
    const { db, dialect } = this.sql;
    const scopes = new Map(episodes.map((e) => [scopeIdOf(e), e]));
    for (const episode of scopes.values()) await registerScope(db, episode, episode.createdAt);
    await insertRows(
      db,
      'episodes',
      episodes.map((e) => ({
        scope_id: scopeIdOf(e),
        id: e.id,
        type: e.type,
        text: e.text,
        importance: e.importance,
        confidence: e.confidence,
        emotional_valence: e.emotionalValence,
        tags: dialect.list(e.tags),
        metadata: dialect.json(e.metadata),
        occurred_at: e.occurredAt,
        created_at: e.createdAt,
        access_count: e.accessCount,
        last_accessed_at: e.lastAccessedAt,
        status: e.status,
        consolidated_at: e.consolidatedAt,
        size_bytes: Buffer.byteLength(e.text),
        session_id: e.sessionId,
        position: e.position,
        speaker: e.speaker,
      })),
    );
  }

  async get(scope: Scope, id: string): Promise<Episode | undefined> {
    return (await this.getMany(scope, [id]))[0];
  }

  async getMany(scope: Scope, ids: string[]): Promise<Episode[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.db.selectFrom('episodes').selectAll().where('scope_id', '=', scopeIdOf(scope)).where('id', 'in', ids).execute();
    return rows.map((row) => this.episodeOf(scope, row));
  }

  async list(scope: Scope, filter: EpisodeFilter, page: { limit: number; cursor?: string }): Promise<Page<Episode>> {
    let query = this.sql.db
      .selectFrom('episodes as e')
      .selectAll()
      .where('e.scope_id', '=', scopeIdOf(scope))
      .where((eb) => eb.and(episodeConditions(eb, this.sql.dialect, filter)));
    if (page.cursor) {
      const [occurredAt, id] = decodeCursor(page.cursor);
      query = query.where((eb) => eb.or([eb('e.occurred_at', '<', occurredAt), eb.and([eb('e.occurred_at', '=', occurredAt), eb('e.id', '<', id)])]));
    }
    const rows = await query.orderBy('e.occurred_at', 'desc').orderBy('e.id', 'desc').limit(page.limit + 1).execute();
    const items = rows.slice(0, page.limit).map((row) => this.episodeOf(scope, row));
    return rows.length > page.limit ? { items, nextCursor: encodeCursor(items[items.length - 1]!) } : { items };
  }

  /** Deletes the episode and its turn's own vector (call it in a transaction). */
  async delete(scope: Scope, id: string): Promise<boolean> {
    const scopeId = scopeIdOf(scope);
    await this.sql.db.deleteFrom('turn_vectors').where('scope_id', '=', scopeId).where('episode_id', '=', id).execute();
    const result = await this.sql.db.deleteFrom('episodes').where('scope_id', '=', scopeId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async recordAccess(scope: Scope, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.db
      .updateTable('episodes')
      .set((eb) => ({ access_count: eb('access_count', '+', 1), last_accessed_at: at }))
      .where('scope_id', '=', scopeIdOf(scope))
      .where('id', 'in', ids)
      .execute();
  }

  async setStatus(scope: Scope, ids: string[], status: EpisodeStatus, at: string): Promise<void> {
    if (ids.length === 0) return;
    const consolidatedAt = status === 'consolidated' || status === 'compressed' ? at : null;
    await this.sql.db.updateTable('episodes').set({ status, consolidated_at: consolidatedAt }).where('scope_id', '=', scopeIdOf(scope)).where('id', 'in', ids).execute();
  }

  async statsSince(scope: Scope, since?: string): Promise<{ count: number; bytes: number }> {
    let query = this.sql.db
      .selectFrom('episodes')
      .select([sql<number>`COUNT(*)`.as('count'), sql<number>`COALESCE(SUM(size_bytes), 0)`.as('bytes')])
      .where('scope_id', '=', scopeIdOf(scope));
    if (since) query = query.where('created_at', '>', since);
    const row = await query.executeTakeFirst();
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  private episodeOf(scope: Scope, row: Selectable<EpisodesTable>): Episode {
    const { dialect } = this.sql;
    return {
      id: row.id,
      ...owner(scope),
      type: row.type as Episode['type'],
      text: row.text,
      importance: Number(row.importance),
      confidence: Number(row.confidence),
      emotionalValence: Number(row.emotional_valence),
      tags: dialect.readList(row.tags),
      metadata: dialect.readJson<Json>(row.metadata),
      occurredAt: row.occurred_at,
      createdAt: row.created_at,
      accessCount: Number(row.access_count),
      lastAccessedAt: row.last_accessed_at,
      status: row.status as EpisodeStatus,
      consolidatedAt: row.consolidated_at,
      sessionId: row.session_id,
      position: row.position === null ? null : Number(row.position),
      speaker: row.speaker,
    };
  }
}
