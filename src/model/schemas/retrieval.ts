import { z } from 'zod';
import { TIERS } from '../tiers.js';
import { externalIdSchema, isoDateSchema, metadataFilterSchema, storableString } from './common.js';
import { sessionIdSchema } from './message.js';

/**
 * The lowest final score a result may have. The scale (docs/retrieval.md): the fused part is 0–1
 * (each retriever's scores min-max scaled over this query's candidates, weighted 0.6 text + 0.4
 * vector), then boosts are added (entity, speaker, time, length, context, recency, importance), so
 * scores run from about −0.05 to about 2.5; a result both retrievers rank first scores at least 1.
 */
export const minScoreSchema = z.number().min(-1, 'must be between -1 and 10').max(10, 'must be between -1 and 10');

export const MAX_RETRIEVE_LIMIT = 100;

export const retrieveMemoriesSchema = z.strictObject({
  externalId: externalIdSchema,
  query: storableString.trim().min(1, 'must be a non-empty string').max(8192),
  limit: z
    .number()
    .int('must be an integer')
    .min(1, `must be between 1 and ${MAX_RETRIEVE_LIMIT}`)
    .max(MAX_RETRIEVE_LIMIT, `must be between 1 and ${MAX_RETRIEVE_LIMIT}`)
    .default(10),
  /** Default: every tier. */
  tiers: z.array(z.enum(TIERS)).min(1, 'needs at least one tier').max(32).optional(),
  /** Episode types and fact categories; other tiers have no type and drop out when this is set. */
  types: z.array(storableString.min(1).max(128)).min(1, 'needs at least one type').max(64).optional(),
  /** Episodes with at least one of these tags; other tiers drop out when this is set. */
  tags: z.array(storableString.trim().min(1).max(128)).min(1, 'needs at least one tag').max(64).optional(),
  /** Only what was valid at this instant. */
  asOf: isoDateSchema.optional(),
  /** Only items whose metadata holds every given key with exactly the given value. */
  metadata: metadataFilterSchema.optional(),
  /** Only turns of this conversation session; other tiers drop out. */
  sessionId: sessionIdSchema.optional(),
  /** Drop results scoring below this (see minScoreSchema for the scale). */
  minScore: minScoreSchema.optional(),
});

export type RetrieveMemoriesInput = z.input<typeof retrieveMemoriesSchema>;
export type RetrieveMemoriesQuery = z.output<typeof retrieveMemoriesSchema>;
