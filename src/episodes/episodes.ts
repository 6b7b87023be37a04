import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { Episode } from '../model/episode.js';
import {
  addEpisodeSchema,
  addEpisodesSchema,
  episodeRefSchema,
  listEpisodesSchema,
  type AddEpisodeInput,
  type AddEpisodesInput,
  type EpisodeRef,
  type ListEpisodesInput,
} from '../model/schemas/episode.js';
import type { Scope } from '../model/scope.js';
import { parseInput } from '../model/validate.js';
import { scopeOf, type EngineDeps } from '../runtime/engine-deps.js';
import type { IndexedItem, Page } from '../store/port.js';
import { withTurnContext } from './turn-context.js';

type ParsedEpisode = ReturnType<typeof addEpisodesSchema.parse>['episodes'][number];

/** Episodes: events, preferences, hypotheses, observations, outcomes and chat turns. */
export class Episodes {
  constructor(private readonly deps: EngineDeps) {}

  async add(input: AddEpisodeInput): Promise<Episode> {
    const { externalId, ...episode } = parseInput(addEpisodeSchema, input, 'addEpisode input');
    const [stored] = await this.write(scopeOf(this.deps, externalId), [episode]);
    return stored!;
  }

  /**
   * Embeds every text once (the embedder batches by length), then writes every episode and its
   * search entry in one transaction: all of them or, on any failure, none. Returns them in input order.
   */
  async addMany(input: AddEpisodesInput): Promise<Episode[]> {
    const parsed = parseInput(addEpisodesSchema, input, 'addEpisodes input');
    return this.write(scopeOf(this.deps, parsed.externalId), parsed.episodes);
  }

  /** Returns the episode and counts the read as an access. */
  async get(input: EpisodeRef): Promise<Episode> {
    const ref = parseInput(episodeRefSchema, input, 'getEpisode input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.deps.store.episodes.recordAccess(scope, [ref.episodeId], this.deps.now().toISOString());
    const episode = await this.deps.store.episodes.get(scope, ref.episodeId);
    if (!episode) throw notFound(scope, ref.episodeId);
    return episode;
  }

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  async list(input: ListEpisodesInput): Promise<Page<Episode>> {
    const { externalId, limit, cursor, ...filter } = parseInput(listEpisodesSchema, input, 'listEpisodes input');
    const page = cursor === undefined ? { limit } : { limit, cursor };
    return this.deps.store.episodes.list(scopeOf(this.deps, externalId), filter, page);
  }

  /** Removes the episode and its search entry together. */
  async delete(input: EpisodeRef): Promise<void> {
    const ref = parseInput(episodeRefSchema, input, 'deleteEpisode input');
    const scope = scopeOf(this.deps, ref.externalId);
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.episodes.delete(scope, ref.episodeId))) throw notFound(scope, ref.episodeId);
      await tx.searchIndex.remove(scope, 'episode', [ref.episodeId]);
    });
  }

  private async write(scope: Scope, inputs: ParsedEpisode[]): Promise<Episode[]> {
    const now = this.deps.now().toISOString();
    const episodes: Episode[] = inputs.map((e) => ({
      id: randomUUID(),
      ...scope,
      type: e.type,
      text: e.text,
      importance: e.importance,
      confidence: e.confidence,
      emotionalValence: e.emotionalValence,
      tags: [...new Set(e.tags)],
      metadata: e.metadata,
      occurredAt: e.occurredAt === undefined ? now : new Date(e.occurredAt).toISOString(),
      createdAt: now,
      accessCount: 0,
      lastAccessedAt: null,
      status: 'active',
      consolidatedAt: null,
      sessionId: null,
      position: null,
      speaker: null,
    }));
    const vectors = await this.deps.embedder.embed(episodes.map((e) => e.text));
    const contextual = withTurnContext(episodes.map((e, i) => ({ isTurn: e.type === 'conversation_turn', occurredAt: e.occurredAt, vector: vectors[i]! })));
    const items: IndexedItem[] = episodes.map((e, i) => ({ scope, tier: 'episode', itemId: e.id, text: e.text, embedding: contextual[i]! }));
    await this.deps.store.transaction(async (tx) => {
      await tx.episodes.insertMany(episodes);
      await tx.searchIndex.upsert(items);
    });
    return episodes;
  }
}

function notFound(scope: Scope, episodeId: string): NotFoundError {
  return new NotFoundError(`episode ${episodeId} not found for externalId "${scope.externalId}"`, { episodeId, externalId: scope.externalId });
}
