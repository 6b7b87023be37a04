import type { Scope } from '../../model/scope.js';
import type { SessionRepository, StoredTurn } from '../port.js';
import { insertRows, scopeIdOf, type SqlContext } from './rows.js';

const bytesOf = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
/** A copy: the driver's buffer may not be aligned for a Float32Array view. */
const vectorOf = (bytes: Buffer) => new Float32Array(Uint8Array.from(bytes).buffer);

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly sql: SqlContext) {}

  async reserve(scope: Scope, sessionId: string, count: number, at: string): Promise<number> {
    const { turns } = await this.sql.db
      .insertInto('sessions')
      .values({ scope_id: scopeIdOf(scope), id: sessionId, turns: count, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['scope_id', 'id']).doUpdateSet((eb) => ({ turns: eb('sessions.turns', '+', count), updated_at: at })))
      .returning('turns')
      .executeTakeFirstOrThrow();
    return Number(turns) - count;
  }

  async turnsBefore(scope: Scope, sessionId: string, position: number, count: number): Promise<StoredTurn[]> {
    const rows = await this.sql.db
      .selectFrom('episodes as e')
      .leftJoin('turn_vectors as v', (join) => join.onRef('v.scope_id', '=', 'e.scope_id').onRef('v.episode_id', '=', 'e.id'))
      .select(['e.id', 'e.position', 'v.embedding'])
      .where('e.scope_id', '=', scopeIdOf(scope))
      .where('e.session_id', '=', sessionId)
      .where('e.position', '<', position)
      .orderBy('e.position', 'desc')
      .limit(count)
      .execute();
    return rows.reverse().map((r) => ({ episodeId: r.id, position: Number(r.position), vector: r.embedding ? vectorOf(r.embedding) : undefined }));
  }

  async putTurnVectors(scope: Scope, vectors: Array<{ episodeId: string; vector: Float32Array }>): Promise<void> {
    const scopeId = scopeIdOf(scope);
    await insertRows(this.sql.db, 'turn_vectors', vectors.map((v) => ({ scope_id: scopeId, episode_id: v.episodeId, embedding: bytesOf(v.vector) })));
  }

  async replaceTurnVectors(scope: Scope, vectors: Array<{ episodeId: string; vector: Float32Array }>): Promise<void> {
    const scopeId = scopeIdOf(scope);
    for (const v of vectors) {
      await this.sql.db.updateTable('turn_vectors').set({ embedding: bytesOf(v.vector) }).where('scope_id', '=', scopeId).where('episode_id', '=', v.episodeId).execute();
    }
  }
}
