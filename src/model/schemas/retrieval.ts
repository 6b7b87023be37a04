import { z } from 'zod';
import { TIERS } from '../tiers.js';
import { externalIdSchema, isoDateSchema, metadataFilterSchema } from './common.js';

export const MAX_RETRIEVE_LIMIT = 100;

export const retrieveMemoriesSchema = z.strictObject({
  externalId: externalIdSchema,
  query: z.string().trim().min(1, 'must be a non-empty string').max(8192),
  limit: z
    .number()
    .int('must be an integer')
    .min(1, `must be between 1 and ${MAX_RETRIEVE_LIMIT}`)
    .max(MAX_RETRIEVE_LIMIT, `must be between 1 and ${MAX_RETRIEVE_LIMIT}`)
    .default(10),
  /** Default: every tier. */
  tiers: z.array(z.enum(TIERS)).min(1, 'needs at least one tier').optional(),
  /** Episode types and fact categories; other tiers have no type and drop out when this is set. */
  types: z.array(z.string().min(1).max(128)).min(1, 'needs at least one type').optional(),
  /** Episodes with at least one of these tags; other tiers drop out when this is set. */
  tags: z.array(z.string().trim().min(1).max(128)).min(1, 'needs at least one tag').optional(),
  /** Only what was valid at this instant. */
  asOf: isoDateSchema.optional(),
  /** Only items whose metadata holds every given key with exactly the given value. */
  metadata: metadataFilterSchema.optional(),
});

export type RetrieveMemoriesInput = z.input<typeof retrieveMemoriesSchema>;
export type RetrieveMemoriesQuery = z.output<typeof retrieveMemoriesSchema>;
