import type { Entity, Relationship } from '../../model/tiers.js';

/** An entity found in text: a person, place, organisation, date or anything a model names. */
export type ExtractedEntity = Pick<Entity, 'name' | 'types' | 'description' | 'confidence'>;

/** A link between two extracted entities, by name. */
export type ExtractedRelationship = Pick<Relationship, 'sourceName' | 'targetName' | 'type' | 'description' | 'confidence' | 'strength'>;

export interface Extraction {
  entities: ExtractedEntity[];
  relationships: ExtractedRelationship[];
}

/** Turns section texts into entities and relationships. */
export interface EntityExtractor {
  /** `heuristic` or `llm`; recorded in the consolidation report. */
  readonly kind: 'heuristic' | 'llm';
  extract(texts: string[]): Promise<Extraction>;
}
