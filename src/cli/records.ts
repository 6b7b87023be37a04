import { z } from 'zod';
import type { AgentMem } from '../agent-mem.js';
import type { ActiveMemory } from '../model/active-memory.js';
import type { Episode } from '../model/episode.js';
import type { Fact } from '../model/fact.js';
import { addEpisodeSchema } from '../model/schemas/episode.js';
import { parseInput } from '../model/validate.js';

/**
 * The JSON-lines export format: one record per line, portable between stores and tenants. Ids,
 * access counts and fact history are not carried; consolidated tiers are rebuilt by consolidation.
 */
export type ExportRecord =
  | { kind: 'active_memory'; externalId: string; title: string; template: ActiveMemory['template']; sections: Record<string, string>; metadata: Record<string, unknown> }
  | ({ kind: 'episode' } & Pick<Episode, 'externalId' | 'text' | 'type' | 'importance' | 'confidence' | 'emotionalValence' | 'tags' | 'metadata' | 'occurredAt'>)
  | ({ kind: 'fact' } & Pick<Fact, 'externalId' | 'key' | 'value' | 'category' | 'confidence' | 'evidenceIds' | 'metadata'> & { subject?: string; predicate?: string });

/** Only the discriminator is checked here; the library validates each record's fields on import. */
export const recordKindSchema = z.object({ kind: z.enum(['active_memory', 'episode', 'fact']), externalId: z.string() });

export async function* exportScope(mem: AgentMem, externalId: string): AsyncGenerator<ExportRecord> {
  for (const m of await mem.getActiveMemories({ externalId })) {
    yield { kind: 'active_memory', externalId, title: m.title, template: m.template, sections: Object.fromEntries(m.sections.map((s) => [s.id, s.content])), metadata: m.metadata };
  }
  let cursor: string | undefined;
  do {
    const page = await mem.listEpisodes({ externalId, limit: 500, cursor });
    for (const e of page.items) {
      yield { kind: 'episode', externalId, text: e.text, type: e.type, importance: e.importance, confidence: e.confidence, emotionalValence: e.emotionalValence, tags: e.tags, metadata: e.metadata, occurredAt: e.occurredAt };
    }
    cursor = page.nextCursor;
  } while (cursor);
  for (const f of await mem.listFacts({ externalId })) {
    yield {
      kind: 'fact',
      externalId,
      key: f.key,
      value: f.value,
      category: f.category,
      ...(f.subject ? { subject: f.subject } : {}),
      ...(f.predicate ? { predicate: f.predicate } : {}),
      confidence: f.confidence,
      evidenceIds: f.evidenceIds,
      metadata: f.metadata,
    };
  }
}

/** Consecutive episodes of a scope written by one addEpisodes call (all or none of them). */
export const EPISODE_BATCH = 256;

/** Writes records through the public API, batching consecutive episodes of a scope. */
export class RecordImporter {
  private episodes: { externalId: string; items: Array<Omit<Extract<ExportRecord, { kind: 'episode' }>, 'kind' | 'externalId'>> } | undefined;

  constructor(private readonly mem: AgentMem) {}

  async add(record: ExportRecord): Promise<void> {
    if (record.kind === 'episode') {
      const { kind: _kind, externalId, ...episode } = record;
      // Checked now so a bad episode is reported at its own line, not when its batch is written.
      parseInput(addEpisodeSchema, { externalId, ...episode }, 'episode');
      if (this.episodes?.externalId !== externalId) await this.flush();
      (this.episodes ??= { externalId, items: [] }).items.push(episode);
      if (this.episodes.items.length >= EPISODE_BATCH) await this.flush();
      return;
    }
    await this.flush();
    if (record.kind === 'active_memory') {
      const { kind: _kind, sections, ...memory } = record;
      const initialSections = Object.fromEntries(Object.entries(sections ?? {}).filter(([, content]) => content));
      await this.mem.createActiveMemory({ ...memory, initialSections });
    } else {
      const { kind: _kind, ...fact } = record;
      await this.mem.putFact(fact);
    }
  }

  /** Writes the buffered episodes. */
  async flush(): Promise<void> {
    const batch = this.episodes;
    this.episodes = undefined;
    if (batch) await this.mem.addEpisodes({ externalId: batch.externalId, episodes: batch.items });
  }
}
