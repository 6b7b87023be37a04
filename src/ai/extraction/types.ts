/** An entity found in text: a person, place, organisation, date or anything a model names. */
export interface ExtractedEntity {
  name: string;
  types: string[];
  description: string;
  confidence: number;
}

/** A link between two extracted entities, by name. */
export interface ExtractedRelationship {
  sourceName: string;
  targetName: string;
  type: string;
  description: string;
  confidence: number;
  strength: number;
}

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
