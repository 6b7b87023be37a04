import { sectionItemId } from '../active/active-memories.js';
import { factText } from '../facts/fact-versions.js';
import type { Fact } from '../model/fact.js';
import type { Provenance } from '../model/retrieval.js';
import type { Json, Scope } from '../model/scope.js';
import type { Tier } from '../model/tiers.js';
import type { Store } from '../store/port.js';
import { speakerOf } from './query-entities.js';

/** A search hit turned back into its memory, with what scoring and the caller need. */
export interface HydratedItem {
  tier: Tier;
  /** The search-index item id of the hit (a fact's current version, even when an older one is returned). */
  hitId: string;
  id: string;
  content: string;
  provenance: Provenance;
  metadata: Json;
  type?: string;
  tags?: string[];
  importance?: number;
  /** When the item happened or last changed, for recency. */
  at: string;
  /** A chat turn, whose neighbours in the conversation lend it context. */
  isTurn: boolean;
  /** Who spoke a chat turn (its speaker, else the `Name` of a text written `Name: message`), lower-cased. */
  speaker?: string;
}

/** The instant a fact's version is read at: `asOf`, else now. */
export interface HydrationInstant {
  asOf?: string;
  now: string;
}

type Loader = (store: Store, scope: Scope, ids: string[], instant: HydrationInstant) => Promise<HydratedItem[]>;

/**
 * Loads every hit from its tier's repository. The search already applied the filters; an item
 * gone since (deleted between the two reads) is simply absent.
 */
export async function hydrate(store: Store, scope: Scope, hits: Array<{ tier: Tier; itemId: string }>, instant: HydrationInstant): Promise<HydratedItem[]> {
  const byTier = new Map<Tier, string[]>();
  for (const hit of hits) byTier.set(hit.tier, [...(byTier.get(hit.tier) ?? []), hit.itemId]);
  const loaded = await Promise.all([...byTier].map(([tier, ids]) => loaders[tier](store, scope, ids, instant)));
  return loaded.flat();
}

const validAt = (instant: string, from: string, to: string | null) => Date.parse(from) <= Date.parse(instant) && (to === null || Date.parse(instant) < Date.parse(to));

const loaders: Record<Tier, Loader> = {
  async active(store, scope, ids) {
    const memoryIds = [...new Set(ids.map((id) => id.slice(0, id.indexOf('/'))))];
    const wanted = new Set(ids);
    const memories = await Promise.all(memoryIds.map((id) => store.active.get(scope, id)));
    return memories.flatMap((memory) =>
      (memory?.sections ?? [])
        .filter((s) => wanted.has(sectionItemId(memory!.id, s.id)) && s.content.trim())
        .map((s) => ({
          tier: 'active' as const,
          hitId: sectionItemId(memory!.id, s.id),
          id: sectionItemId(memory!.id, s.id),
          content: s.content,
          provenance: { memoryId: memory!.id, sectionId: s.id },
          metadata: memory!.metadata,
          at: s.updatedAt,
          isTurn: false,
        })),
    );
  },

  async shortterm(store, scope, ids) {
    return (await store.shortterm.getChunks(scope, ids)).map((c) => ({
        tier: 'shortterm' as const,
        hitId: c.id,
        id: c.id,
        content: c.content,
        provenance: { shorttermId: c.shorttermId, sectionId: c.sectionId },
        metadata: c.metadata,
        at: c.updatedAt,
        isTurn: false,
      }));
  },

  async longterm(store, scope, ids) {
    return (await store.longterm.getChunks(scope, ids)).map((c) => ({
        tier: 'longterm' as const,
        hitId: c.id,
        id: c.id,
        content: c.content,
        provenance: {
          ...(c.activeMemoryId && { memoryId: c.activeMemoryId }),
          ...(c.sectionId && { sectionId: c.sectionId }),
          ...(c.sourceShorttermId && { shorttermId: c.sourceShorttermId }),
          validFrom: c.startDate,
          validTo: c.endDate,
        },
        metadata: c.metadata,
        importance: c.importance,
        at: c.lastUpdated,
        isTurn: false,
      }));
  },

  async episode(store, scope, ids) {
    return (await store.episodes.getMany(scope, ids)).map((e) => ({
        tier: 'episode' as const,
        hitId: e.id,
        id: e.id,
        content: e.text,
        provenance: {
          evidenceIds: [e.id],
          occurredAt: e.occurredAt,
          ...(e.sessionId !== null && { sessionId: e.sessionId, position: e.position! }),
          ...(e.speaker !== null && { speaker: e.speaker }),
        },
        metadata: e.metadata,
        type: e.type,
        tags: e.tags,
        importance: e.importance,
        at: e.occurredAt,
        isTurn: e.type === 'conversation_turn',
        ...(e.type === 'conversation_turn' && { speaker: e.speaker?.toLowerCase() ?? speakerOf(e.text) }),
      }));
  },

  async fact(store, scope, ids, instant) {
    const current = await store.facts.getMany(scope, ids);
    const versions = await Promise.all(current.map(async (f) => ({ hitId: f.id, version: await versionAt(store, scope, f, instant) })));
    return versions
      .filter((v): v is { hitId: string; version: Fact } => v.version !== undefined)
      .map(({ hitId, version: f }) => ({
        tier: 'fact' as const,
        hitId,
        id: f.id,
        content: factText(f),
        provenance: { factKey: f.key, evidenceIds: f.evidenceIds, validFrom: f.validFrom, validTo: f.validTo },
        metadata: f.metadata,
        type: f.category,
        at: f.validFrom,
        isTurn: false,
      }));
  },
};

/** The index holds current versions only; for a past instant, the version valid then. */
async function versionAt(store: Store, scope: Scope, fact: Fact, at: HydrationInstant): Promise<Fact | undefined> {
  const instant = at.asOf ?? at.now;
  if (validAt(instant, fact.validFrom, fact.validTo)) return fact;
  if (at.asOf === undefined) return undefined;
  return (await store.facts.history(scope, fact.key)).find((v) => validAt(instant, v.validFrom, v.validTo));
}
