import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { generateStructured } from './structured-output.js';
import type { EntityExtractor, Extraction } from './types.js';

const unit = z.number().min(0).max(1);

export const extractionSchema = z.object({
  entities: z.array(
    z.object({
      name: z.string().trim().min(1),
      types: z.array(z.string().trim().min(1)).min(1),
      description: z.string(),
      confidence: unit,
    }),
  ),
  relationships: z.array(
    z.object({
      sourceName: z.string().trim().min(1),
      targetName: z.string().trim().min(1),
      type: z.string().trim().min(1),
      description: z.string(),
      confidence: unit,
      strength: unit,
    }),
  ),
});

const SYSTEM = [
  'You extract a knowledge graph from notes an agent keeps about a user or a task.',
  'Return every entity (person, place, organization, date, event, object, concept, preference) with its lower-case types,',
  'a one-sentence description taken from the notes, and your confidence from 0 to 1.',
  'Return relationships between those entities by their exact names, with a snake_case type',
  '(works_at, lives_in, knows, prefers, ...), a description, confidence and strength from 0 to 1.',
].join(' ');

/** Entities and relationships extracted by the configured language model in one structured call. */
export class LlmExtractor implements EntityExtractor {
  readonly kind = 'llm' as const;

  constructor(
    private readonly model: LanguageModel,
    private readonly timeoutMs: number,
  ) {}

  extract(texts: string[]): Promise<Extraction> {
    return generateStructured({
      model: this.model,
      schema: extractionSchema,
      name: 'Extraction',
      system: SYSTEM,
      prompt: texts.map((text, i) => `Note ${i + 1}:\n${text}`).join('\n\n'),
      timeoutMs: this.timeoutMs,
    });
  }
}
