import nlp from 'compromise';
import type { Episode } from '../model/episode.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function cleanName(raw: string): string {
  return raw.replace(/^[\s"'“‘(]+|[\s.,;:!?"'”’)]+$/g, '').replace(/['’]s$/i, '').replace(/\s+/g, ' ');
}

/**
 * The entity names of each episode: `metadata.entities` when the writer gave them; otherwise the
 * people, places and organisations that compromise finds in the sample, matched back to every
 * episode that mentions them. One parse over the joined texts costs a third of one parse per
 * episode, and a name recognised anywhere in the sample counts wherever it is mentioned.
 */
export function sampleEntities(episodes: Episode[]): string[][] {
  const given = episodes.map((e) => (Array.isArray(e.metadata.entities) && e.metadata.entities.every((x) => typeof x === 'string') ? (e.metadata.entities as string[]) : undefined));
  const unknown = episodes.filter((_, i) => !given[i]);
  const doc = nlp(unknown.map((e) => e.text.replace(/\s+/g, ' ').replace(/([^.!?])$/, '$1.')).join('\n'));
  const found = [doc.people(), doc.places(), doc.organizations()].flatMap((view) => view.out('array') as string[]);
  const byKey = new Map<string, string>();
  for (const name of found.map(cleanName)) if (name.length > 1 && !byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  const names = [...byKey.values()];
  const patterns = names.map((name) => ({ name, pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'iu') }));
  return episodes.map((episode, i) => given[i] ?? patterns.filter((p) => p.pattern.test(episode.text)).map((p) => p.name));
}
