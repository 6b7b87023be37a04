import { randomUUID } from 'node:crypto';
import type { Episode } from '../model/episode.js';
import { addMessagesSchema, type AddMessagesInput } from '../model/schemas/message.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import type { StoredTurn } from '../store/port.js';
import { mixNeighbours } from './turn-context.js';

type StoredVector = StoredTurn & { vector: Float32Array };

/**
 * Chat messages as `conversation_turn` episodes of a session. Every turn of a session is mixed with
 * its neighbours (see mixNeighbours), whether it came in one call or one message at a time: a new
 * turn takes in the session's last stored turn, whose indexed vector is then remixed with its new
 * neighbour from the stored own vectors, so no text is embedded twice and the index ends as one
 * batch would have left it.
 */
export class Messages {
  constructor(private readonly deps: EngineDeps) {}

  /** Returns the stored turns in input order. */
  async add(input: AddMessagesInput): Promise<Episode[]> {
    const parsed = parseInput(addMessagesSchema, input, 'addMessages input');
    const scope = scopeOf(this.deps, parsed.externalId);
    const sessionId = parsed.sessionId ?? randomUUID();
    const now = this.deps.now().toISOString();
    const episodes: Episode[] = parsed.messages.map((m) => {
      const speaker = m.name ?? m.role;
      return {
        id: randomUUID(),
        ...scope,
        type: 'conversation_turn',
        // The speaker is part of what is indexed: full text and vectors see who said it.
        text: `${speaker}: ${m.content}`,
        importance: 0.5,
        confidence: 1,
        emotionalValence: 0,
        tags: [m.role],
        metadata: m.metadata ?? {},
        occurredAt: m.createdAt === undefined ? now : new Date(m.createdAt).toISOString(),
        createdAt: now,
        accessCount: 0,
        lastAccessedAt: null,
        status: 'active',
        consolidatedAt: null,
        sessionId,
        position: null,
        speaker,
      };
    });
    const own = await this.deps.embedder.embed(episodes.map((e) => e.text));
    await this.deps.store.transaction(async (tx) => {
      // First in the transaction: on PostgreSQL it holds the session's row, so a concurrent writer of the session waits here.
      const first = await tx.sessions.reserve(scope, sessionId, episodes.length, now);
      episodes.forEach((e, i) => (e.position = first + i));
      // A vector of another embedder (a re-embedding cut short) is not mixed in.
      const stored = (await tx.sessions.turnsBefore(scope, sessionId, first, 2)).filter((t): t is StoredVector => t.vector?.length === own[0]!.length);
      const chain = [...stored.map((t) => t.vector), ...own];
      const mixed = mixNeighbours(
        chain,
        chain.map((_, i) => i < chain.length - 1),
      );
      await tx.episodes.insertMany(episodes);
      await tx.sessions.putTurnVectors(
        scope,
        episodes.map((e, i) => ({ episodeId: e.id, vector: own[i]! })),
      );
      await tx.searchIndex.upsert(episodes.map((e, i) => ({ scope, tier: 'episode', itemId: e.id, text: e.text, embedding: mixed[stored.length + i]! })));
      const previous = stored.at(-1);
      if (previous) await tx.searchIndex.setVectors([{ scope, tier: 'episode', itemId: previous.episodeId, embedding: mixed[stored.length - 1]! }]);
    });
    return episodes;
  }
}

