import nlp from 'compromise';
import type { EntityExtractor, ExtractedEntity, ExtractedRelationship, Extraction } from './types.js';

type Doc = ReturnType<typeof nlp>;

/** compromise matchers, one per entity type. */
const MATCHERS: Array<{ type: string; find: (doc: Doc) => Pick<Doc, 'out'> }> = [
  { type: 'person', find: (doc) => doc.people() },
  { type: 'place', find: (doc) => doc.places() },
  { type: 'organization', find: (doc) => doc.organizations() },
  { type: 'date', find: (doc) => doc.match('#Date+') },
];

const ENTITY_CONFIDENCE = 0.6;
const RELATIONSHIP_CONFIDENCE = 0.5;
/** Strength of a co-occurrence seen once; each further sentence adds this again, up to 1. */
const STRENGTH_STEP = 0.25;

function cleanName(raw: string): string {
  return raw.replace(/^[\s"'“‘(]+|[\s.,;:!?"'”’)]+$/g, '').replace(/'s$/i, '').replace(/\s+/g, ' ');
}

/**
 * The no-LLM extractor, built on `compromise`: people, places, organisations and dates, and a
 * `co_occurs_with` relationship between entities named in the same sentence.
 */
export class HeuristicExtractor implements EntityExtractor {
  readonly kind = 'heuristic' as const;

  async extract(texts: string[]): Promise<Extraction> {
    const entities = new Map<string, ExtractedEntity>();
    const relationships = new Map<string, ExtractedRelationship>();
    for (const text of texts) {
      // One parse per text; each sentence is a view into it (re-parsing sentences costs 3-4x more).
      const sentences = nlp(text).sentences();
      for (let i = 0; i < sentences.length; i++) {
        const sentence = sentences.eq(i) as Doc;
        const found = this.entitiesOf(sentence);
        for (const entity of found) {
          const known = entities.get(entity.name.toLowerCase());
          if (known) known.types = [...new Set([...known.types, ...entity.types])];
          else entities.set(entity.name.toLowerCase(), entity);
        }
        this.addCoOccurrences(found, sentence.text().trim(), relationships);
      }
    }
    return { entities: [...entities.values()], relationships: [...relationships.values()] };
  }

  private entitiesOf(doc: Doc): ExtractedEntity[] {
    const sentence = doc.text().trim();
    const byName = new Map<string, ExtractedEntity>();
    for (const { type, find } of MATCHERS) {
      for (const raw of find(doc).out('array') as string[]) {
        const name = cleanName(raw);
        if (name.length < 2) continue;
        const known = byName.get(name.toLowerCase());
        if (known) {
          if (!known.types.includes(type)) known.types.push(type);
        } else {
          byName.set(name.toLowerCase(), { name, types: [type], description: sentence, confidence: ENTITY_CONFIDENCE });
        }
      }
    }
    return [...byName.values()];
  }

  private addCoOccurrences(found: ExtractedEntity[], sentence: string, into: Map<string, ExtractedRelationship>): void {
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) {
        const [source, target] = [found[i]!.name, found[j]!.name].sort((a, b) => a.localeCompare(b)) as [string, string];
        const key = `${source.toLowerCase()}\u0000${target.toLowerCase()}`;
        const known = into.get(key);
        if (known) known.strength = Math.min(1, known.strength + STRENGTH_STEP);
        else {
          into.set(key, {
            sourceName: source,
            targetName: target,
            type: 'co_occurs_with',
            description: sentence,
            confidence: RELATIONSHIP_CONFIDENCE,
            strength: STRENGTH_STEP,
          });
        }
      }
    }
  }
}
