import type { EntityExtractor } from '../ai/extraction/types.js';
import type { Episode } from '../model/episode.js';

/** Entity names of an episode: `metadata.entities` when the writer gave them, else extracted (dates left out). */
export async function episodeEntities(episode: Episode, extractor: EntityExtractor): Promise<string[]> {
  const given = episode.metadata.entities;
  if (Array.isArray(given) && given.every((e) => typeof e === 'string')) return given;
  const { entities } = await extractor.extract([episode.text]);
  return entities.filter((e) => !e.types.every((t) => t === 'date')).map((e) => e.name);
}
