import { EPISODE_TYPES, type Episode, type EpisodeType } from '../model/episode.js';
import { EARLIEST_INSTANT } from '../model/schemas/common.js';
import type { Scope } from '../model/scope.js';
import type { Store } from '../store/port.js';

export interface SamplerOptions {
  types: EpisodeType[];
  /** Only episodes that occurred within this many days before now. */
  windowDays: number;
  minImportance: number;
  minConfidence: number;
  /** The best-ranked episodes a cycle takes; the rest wait for a later cycle. */
  maxEpisodes: number;
}

export const DEFAULT_SAMPLER_OPTIONS: SamplerOptions = {
  types: [...EPISODE_TYPES],
  windowDays: 90,
  minImportance: 0,
  minConfidence: 0,
  maxEpisodes: 1000,
};

export interface SampledEpisode {
  episode: Episode;
  score: number;
}

const DAY_MS = 86_400_000;
const PAGE_SIZE = 500;

/** 0.4·importance + 0.3·min(log1p(accessCount)/5, 1) + 0.3·1/(1 + 0.1·ageDays). */
export function sampleScore(episode: Pick<Episode, 'importance' | 'accessCount' | 'occurredAt'>, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(episode.occurredAt)) / DAY_MS);
  return 0.4 * episode.importance + 0.3 * Math.min(Math.log1p(episode.accessCount) / 5, 1) + 0.3 / (1 + 0.1 * ageDays);
}

/** Active (never consolidated) episodes that pass the filters, best score first. */
export async function sampleEpisodes(store: Store, scope: Scope, options: SamplerOptions, now: Date): Promise<SampledEpisode[]> {
  const filter = {
    types: options.types,
    statuses: ['active' as const],
    occurredFrom: new Date(Math.max(EARLIEST_INSTANT, now.getTime() - options.windowDays * DAY_MS)).toISOString(),
    minImportance: options.minImportance,
    minConfidence: options.minConfidence,
  };
  const found: SampledEpisode[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.episodes.list(scope, filter, cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE });
    for (const episode of page.items) found.push({ episode, score: sampleScore(episode, now) });
    cursor = page.nextCursor;
  } while (cursor);
  return found.sort((a, b) => b.score - a.score || a.episode.id.localeCompare(b.episode.id)).slice(0, options.maxEpisodes);
}
